/** The display message content tslab's kernel sends for a cell. */
interface DisplayData {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: Record<string, unknown>;
}

/** The part of tslab's kernel module that sends a display message to the running cell. */
interface TslabKernelModule {
  lastWriteDisplayData: ((data: DisplayData, update: boolean) => void) | null;
}

/**
 * The function that sends a display message to the cell running now, or undefined outside a
 * tslab kernel (tslab not installed or not loaded: a script or a test). tslab starts the copy
 * installed beside the notebook, which is the module `require` resolves from here when the
 * library is installed in the same project; it is looked up among the loaded modules, never
 * loaded. Read it again after any `await`: the kernel points it at the cell that is running.
 *
 * @example
 * import { kernelOutput } from "./kernel-output";
 * kernelOutput(); // => undefined
 */
export function kernelOutput(): ((data: Record<string, unknown>) => void) | undefined {
  let kernel: TslabKernelModule | undefined;
  try {
    kernel = require.cache[require.resolve("tslab/dist/jupyter")]?.exports as TslabKernelModule | undefined;
  } catch {
    return undefined;
  }
  const write = kernel?.lastWriteDisplayData;
  if (write == null) return undefined;
  return (data) => write({ data, metadata: {}, transient: {} }, false);
}
