// The schema-validation API for the rest of the engine, the language server and the CLI.
export { crdRegistry, CrdRegistry, schemasOfCrd, type CustomResourceSchema } from './crd';
export { describeField, fieldDocAt, fieldDocMarkdown, type FieldDoc, type FieldDocAt } from './field-docs';
export { isSecurityPath, schemaIssues, type SchemaIssue, type SchemaValidationMode } from './issues';
export { builtinSchema, KUBERNETES_VERSION, schemaPath, setSchemaDirectory } from './load';
export { schemaTarget, warmUpSchemas } from './validator';
