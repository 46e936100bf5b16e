export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full usage, printed by `kefu <command> --help`. */
  help: string;
  /** Returns an exit code, or undefined when the command keeps running (a server) and exits by itself later. */
  run(args: string[]): Promise<number | undefined>;
}
