import type { NextConfig } from "next";
import { MAX_REQUEST_BYTES } from "./lib/boundary/limits";

const nextConfig: NextConfig = {
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
  experimental: {
    // Imports (up to 5 MB) arrive as server actions; larger bodies get the app's own message.
    serverActions: { bodySizeLimit: MAX_REQUEST_BYTES },
  },
};

export default nextConfig;
