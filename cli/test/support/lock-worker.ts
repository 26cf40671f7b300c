// One process of the lock race (ledger-lock-race.test.ts): takes the stack lock `rounds` times; each
// time it holds it, it claims `inside` exclusively (a second holder would find it taken), then leaves
// the lock behind as a crashed process would (its pid replaced by a dead one), so every next take is a
// reclaim of a stale lock that the other process races for. Prints one JSON line with what it saw.
import { open, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { acquireStackLock } from "../../src/engine/state/lock.ts";
import { StackctlError } from "../../src/errors.ts";

const [stateDir = "", stack = "", roundsText = "0", deadPidText = "0"] = process.argv.slice(2);
const inside = path.join(stateDir, "inside");
const lockFile = path.join(stateDir, stack, "lock");
let taken = 0;
let overlaps = 0;
const deadline = Date.now() + 90_000;
while (taken < Number(roundsText) && Date.now() < deadline) {
  try {
    await acquireStackLock(stateDir, stack, { command: "race" });
  } catch (error) {
    if (
      error instanceof StackctlError &&
      (error.code === "STACK_LOCKED" || error.code === "LOCK_UNREADABLE")
    ) {
      await sleep(1);
      continue;
    }
    throw error;
  }
  taken += 1;
  try {
    await (await open(inside, "wx")).close();
    await sleep(2);
    await rm(inside, { force: true });
  } catch {
    overlaps += 1;
  }
  const crashed = JSON.stringify({
    pid: Number(deadPidText),
    host: os.hostname(),
    since: "",
    command: "crashed",
  });
  const temp = `${lockFile}.${process.pid}.tmp`;
  await writeFile(temp, crashed);
  await rename(temp, lockFile);
}
console.log(JSON.stringify({ taken, overlaps }));
