export function precompressStatic(dir: string, opts?: { onlyMissing?: boolean; log?: (message: string) => void }): Promise<number>;
