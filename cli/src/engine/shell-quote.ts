/** A shell variable as an argument (`"$API_ID"`): what an earlier explained command set. */
export interface ShellVar {
  variable: string;
}

export type ShellArg = string | ShellVar;

export function shellVar(variable: string): ShellVar {
  return { variable };
}

/** Quotes one argument for a POSIX shell; plain words stay as they are so commands read naturally. */
export function shellQuote(arg: ShellArg): string {
  if (typeof arg !== "string") return `"$${arg.variable}"`;
  if (/^[A-Za-z0-9_/.:=,@%+-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** One shell command line from its arguments, every one quoted by the same rule. */
export function shellLine(...args: ShellArg[]): string {
  return args.map(shellQuote).join(" ");
}

/** `NAME=$(command)`: keeps what a command prints (an id) for the lines after it. */
export function shellAssign(variable: string, ...args: ShellArg[]): string {
  return `${variable}=$(${shellLine(...args)})`;
}

/** `${NAME}`: a variable inside a double-quoted word the caller writes itself. */
export function shellRef(variable: string): string {
  return `\${${variable}}`;
}
