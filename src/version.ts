// The SDK name and version sent with every response; a test keeps the version equal to package.json's.
export const sdkInfo = { name: 'cxkit', version: '0.1.0' } as const;
