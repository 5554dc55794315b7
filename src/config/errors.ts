/**
 * Errors that mean "the user gave us something wrong": bad usage, bad config, bad input.
 * main.ts maps them to exit code 2 and prints only their one-line message.
 */
export class UserError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
export class ConfigError extends UserError {}
export class UsageError extends UserError {}
export class InputError extends UserError {}
