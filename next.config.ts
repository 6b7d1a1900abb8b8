/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages are loaded by Node as they are, once per process.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/schema-engine-wasm",
    "@prisma/prisma-schema-wasm",
    "@prisma/adapter-better-sqlite3",
    "@prisma/driver-adapter-utils",
    "@prisma/client",
    "elkjs",
  ],
  allowedDevOrigins: ["127.0.0.1"],
};

export default nextConfig;
