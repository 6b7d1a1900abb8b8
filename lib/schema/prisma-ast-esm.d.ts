// The ES module build of @mrleebo/prisma-ast has the package's own types.
declare module "@mrleebo/prisma-ast/dist/prisma-ast.esm.js" {
  export * from "@mrleebo/prisma-ast";
}
