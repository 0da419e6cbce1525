export interface Migration {
  /** 1, 2, 3 … with no gaps; stored in PRAGMA user_version once applied. */
  version: number;
  name: string;
  /** SQL run inside the migration's transaction. */
  up: string;
}
