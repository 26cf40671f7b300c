/**
 * The ministack stackctl manages (`--emulator ministack`): the one pin, from PyPI. The test harness
 * (scripts/test-env/versions.env MINISTACK_VERSION) runs the same one; cli/test/ministack-pin.test.ts
 * ties the two.
 */
export const ministackVersion = "1.5.33";
/** `[full]` brings the Docker client its Lambda and ECS need (and the rest of its optional services). */
export const ministackRequirement = `ministack[full]==${ministackVersion}`;
/** What every process of a managed ministack runs, to tell it from a reused pid. */
export const ministackApp = "ministack.app:app";
/**
 * ministack labels every container it starts `ministack.instance=<MINISTACK_HOSTNAME>:<port>`
 * (core/container_reaper.py); stackctl sets the host part, so its instances are told apart.
 */
export const ministackInstanceHost = "stackctl";
