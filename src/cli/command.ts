/** @file The shape every `ner` command has, and the errors a command throws to end with a message and an exit status. */

export interface Command {
  /** The full text of `ner help COMMAND`, starting with the usage line. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the exit status. */
  run(args: string[]): Promise<number>;
}

/** A problem the user can fix (a missing file, a file with no sentences); main prints it and exits with `status`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly status = 1,
  ) {
    super(message);
  }
}

/** Arguments that do not fit the command's usage; main adds a pointer to the help. Exit status 2, as Unix tools do. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}
