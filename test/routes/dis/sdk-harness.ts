/**
 * The SDK harness of the DIS test files that drive whole operation families:
 * sdk-client's emulator on its own start instant, and the SDK modules.
 */
import type { Test } from 'tap';
import * as common from 'oci-common';
import * as di from 'oci-dataintegration';
import { sdkEmulator, type SdkEmulator } from './sdk-client';
import { COMPARTMENT } from '../../helpers/dis';

export { ociError } from './sdk-client';
export type SdkHarness = SdkEmulator;

export function sdkHarness(t: Test): Promise<SdkHarness> {
  return sdkEmulator(t, {}, '2026-04-01T10:00:00Z');
}

export { common, di, COMPARTMENT };
