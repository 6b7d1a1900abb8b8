/**
 * The largest file the app imports (schema.prisma, models.py, a SQLite database), in the
 * browser and the CLI alike.
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/**
 * The largest request body the server reads: an import with the bytes multipart/form-data
 * adds around it. Next's server-action limit and the request guard both use it.
 */
export const MAX_REQUEST_BYTES = MAX_IMPORT_BYTES + 64 * 1024;

/** The one message for a file over the limit, in the UI and the CLI. */
export const importTooLarge = (name: string, bytes: number) =>
  `${name} is ${megabytes(bytes)}; files over ${megabytes(MAX_IMPORT_BYTES)} are not imported`;

export const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
