// The staff login's tokens, kept in sessionStorage: they end with the browser tab, and unlike
// localStorage they are not shared with every other tab and script of the origin for weeks.
export type TokenPair = { access_token: string; refresh_token: string; expires_in: number };

/** What the refresh endpoint said: new tokens, or that this login is over (expired, revoked, reused). */
export type RefreshOutcome = TokenPair | "login-ended";
/** Calls POST /auth/refresh. Throws when the server could not be reached, so a flaky network does not log out. */
export type RefreshCall = (refreshToken: string) => Promise<RefreshOutcome>;

type StoredTokens = { accessToken: string; refreshToken: string; expiresAt: number };

export const STORAGE_KEY = "teilhabe.staff.tokens";
/** Refresh this long before the access token runs out, so a request never leaves with a dying token. */
export const REFRESH_MARGIN_MS = 60_000;

/** Tokens rotated by one browser tab, told to the others that hold the same login. */
export type Rotation = { previous: string; pair: TokenPair };

export type TokenSessionOptions = {
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem"> | null;
  refresh: RefreshCall;
  now?: () => number;
  /**
   * Runs a refresh alone among all tabs of the browser (Web Locks). A tab opened from a link starts
   * with a copy of the login; without this, two tabs could spend the same refresh token.
   */
  exclusive?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Tells the other tabs about new tokens, so those holding the spent refresh token adopt them. */
  announce?: (rotation: Rotation) => void;
};

export class TokenSession {
  private readonly storage: TokenSessionOptions["storage"];
  private readonly refreshCall: RefreshCall;
  private readonly now: () => number;
  private readonly exclusive: NonNullable<TokenSessionOptions["exclusive"]>;
  private readonly announce: TokenSessionOptions["announce"];
  private memory: StoredTokens | null = null; // when storage is blocked: the login lasts this page view
  private inFlight: Promise<string | null> | null = null;
  private readonly listeners = new Set<(loggedIn: boolean) => void>();

  constructor(options: TokenSessionOptions) {
    this.storage = options.storage;
    this.refreshCall = options.refresh;
    this.now = options.now ?? Date.now;
    this.exclusive = options.exclusive ?? ((task) => task());
    this.announce = options.announce;
  }

  private read(): StoredTokens | null {
    if (this.memory) return this.memory;
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<StoredTokens>;
      if (typeof parsed.accessToken !== "string" || typeof parsed.refreshToken !== "string") return null;
      return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, expiresAt: Number(parsed.expiresAt) };
    } catch {
      return null;
    }
  }

  private write(tokens: StoredTokens | null): void {
    try {
      if (tokens) this.storage?.setItem(STORAGE_KEY, JSON.stringify(tokens));
      else this.storage?.removeItem(STORAGE_KEY);
      this.memory = null;
    } catch {
      this.memory = tokens;
    }
    if (!this.storage) this.memory = tokens;
  }

  get accessToken(): string | null {
    return this.read()?.accessToken ?? null;
  }

  get refreshToken(): string | null {
    return this.read()?.refreshToken ?? null;
  }

  isLoggedIn(): boolean {
    return this.read() !== null;
  }

  /** Stores the tokens of a login (or of a refresh). */
  start(pair: TokenPair): void {
    const wasLoggedIn = this.isLoggedIn();
    this.write({
      accessToken: pair.access_token,
      refreshToken: pair.refresh_token,
      expiresAt: this.now() + pair.expires_in * 1000,
    });
    if (!wasLoggedIn) this.notify(true);
  }

  /** Forgets the tokens; listeners learn that the login is over. */
  end(): void {
    const wasLoggedIn = this.isLoggedIn();
    this.write(null);
    if (wasLoggedIn) this.notify(false);
  }

  onChange(listener: (loggedIn: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(loggedIn: boolean): void {
    for (const listener of this.listeners) listener(loggedIn);
  }

  /** The access token to send now: refreshed first when it runs out within the margin. */
  async validAccessToken(): Promise<string | null> {
    const tokens = this.read();
    if (!tokens) return null;
    if (tokens.expiresAt - this.now() > REFRESH_MARGIN_MS) return tokens.accessToken;
    return this.refresh();
  }

  /**
   * Trades the refresh token for new tokens. Refresh tokens rotate and a spent one that comes back
   * ends the whole login, so concurrent callers share one request instead of each sending their own.
   */
  refresh(): Promise<string | null> {
    if (this.inFlight) return this.inFlight;
    const tokens = this.read();
    if (!tokens) return Promise.resolve(null);
    this.inFlight = (async () => {
      try {
        return await this.exclusive(async () => {
          const current = this.read();
          if (!current) return null;
          // Another tab refreshed while this one waited, and this tab adopted its tokens: done.
          if (current.refreshToken !== tokens.refreshToken) return current.accessToken;
          const outcome = await this.refreshCall(current.refreshToken);
          if (outcome === "login-ended") {
            this.end();
            return null;
          }
          this.start(outcome);
          this.announce?.({ previous: current.refreshToken, pair: outcome });
          return outcome.access_token;
        });
      } finally {
        this.inFlight = null;
      }
    })();
    return this.inFlight;
  }

  /** New tokens from another tab: taken over when this tab holds the refresh token they replace. */
  adopt(rotation: Rotation): void {
    if (this.read()?.refreshToken === rotation.previous) this.start(rotation.pair);
  }
}
