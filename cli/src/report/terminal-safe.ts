/**
 * Text that came from outside (a service's log line) made safe for a terminal: escape sequences
 * (CSI such as colours and cursor moves, OSC such as window titles and hyperlinks, DCS/APC/PM, and
 * two-byte ESC ones) and every other control character except tab are removed, so a log line can
 * neither repaint the screen nor run terminal commands. `--json` keeps the raw text.
 */
const sequences = new RegExp(
  [
    // OSC, DCS, SOS, PM, APC: ESC ] / P / X / ^ / _ … up to BEL or ST (ESC \), or the 8-bit forms.
    "(?:\\u001b[\\]PX^_]|[\\u0090\\u0098\\u009d\\u009e\\u009f])[\\s\\S]*?(?:\\u0007|\\u001b\\\\|\\u009c|$)",
    // CSI: ESC [ or 0x9b, parameters, intermediates, a final byte.
    "(?:\\u001b\\[|\\u009b)[\\u0030-\\u003f]*[\\u0020-\\u002f]*[\\u0040-\\u007e]?",
    // Any other escape: ESC, intermediates, one final byte.
    "\\u001b[\\u0020-\\u002f]*[\\u0030-\\u007e]?",
  ].join("|"),
  "g",
);
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const controls = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

export function terminalSafe(text: string): string {
  return text.replace(sequences, "").replace(controls, "");
}
