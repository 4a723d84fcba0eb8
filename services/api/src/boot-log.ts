/** Where start-up says what it does: the console of whichever entry point starts Concord. */
export interface BootLog {
  info(message: string): void;
  /** Something to fix that does not stop the start; `info` where not given. */
  warn?(message: string): void;
}
