// The credentials the real AWS and Azure clients read from the environment, set for the emulators:
// the SDK's default credential chain finds them as it would on a developer's machine, and nothing
// from the machine running the tests (a profile, a session token) leaks in.
import { vi } from 'vitest';

/** The Azure Language key variable a policy names (`apiKeyEnv`), and its value. */
export const languageKeyVariable = 'PARLEY_TEST_LANGUAGE_KEY';
export const languageKey = 'test-language-key';

/** Sets them for the file's tests; `vi.unstubAllEnvs()` in `afterAll` puts the environment back. */
export function stubEmulatorCredentials(): void {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDPARLEYTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'emulator');
  vi.stubEnv('AWS_SESSION_TOKEN', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
  vi.stubEnv(languageKeyVariable, languageKey);
}
