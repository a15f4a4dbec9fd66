"""How many people a process reached: sign-ups and members over time, by event and group, by channel,
category, language and district; small cells hidden so that nobody can be singled out."""
