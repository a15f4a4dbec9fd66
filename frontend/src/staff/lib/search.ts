/** Case and accents do not matter when searching a name ("ozdemir" finds "Özdemir"). */
export function searchable(text: string): string {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLocaleLowerCase();
}
