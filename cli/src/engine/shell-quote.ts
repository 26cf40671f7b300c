/** Quotes one argument for a POSIX shell; plain words stay as they are so commands read naturally. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_/.:=,@%+-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** One shell command line from its arguments, every one quoted by the same rule. */
export function shellLine(...args: string[]): string {
  return args.map(shellQuote).join(" ");
}
