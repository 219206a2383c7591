import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PackageDefinition } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor.js';
import { PROTO_FILE, PROTO_ROOT } from './proto.ts';

/**
 * What server reflection serves: one FileDescriptorProto per real .proto file, named as protoc names it (the path
 * under its include directory) and listing the files it imports, for the retrieval contract, the well-known types
 * it uses and the standard health service.
 *
 * @grpc/reflection indexes whatever descriptors it is given, and proto-loader merges each package into one
 * descriptor named after the package (`vigil_retrieval_v1.proto`) with an empty `dependency` list
 * (grpc/grpc-node#2595, #2958), so grpcurl, grpcui and Postman cannot link `google.protobuf.Timestamp`. Here the
 * descriptors are built from protobufjs' own parse, which records each type's source file; the well-known types
 * it bundles carry no file, so they are named by the bundle's file names (`google/protobuf/timestamp.proto`, ...).
 */

const require = createRequire(import.meta.url);
/** grpc-health-check ships the standard health.proto; its canonical name is grpc/health/v1/health.proto. */
const HEALTH_ROOT = path.join(path.dirname(require.resolve('grpc-health-check/package.json')), 'proto');
const HEALTH_FILE = 'health/v1/health.proto';
const CANONICAL_NAMES: Record<string, string> = { [HEALTH_FILE]: 'grpc/health/v1/health.proto' };
const INCLUDE_DIRS = [PROTO_ROOT, HEALTH_ROOT];

type Declaration = protobuf.Type | protobuf.Enum | protobuf.Service | protobuf.Field;

type FileDescriptor = Required<
  Pick<
    descriptor.IFileDescriptorProto,
    'name' | 'package' | 'syntax' | 'messageType' | 'enumType' | 'service' | 'extension'
  >
> & { dependency: string[] };

interface FileParts {
  file: FileDescriptor;
  imports: Set<string>;
}

/** All files here are proto3 (the retrieval contract, Timestamp, health). */
function newFile(name: string, pkg: string): FileParts {
  const file = { name, package: pkg, syntax: 'proto3', dependency: [] };
  return { file: { ...file, messageType: [], enumType: [], service: [], extension: [] }, imports: new Set() };
}

function loadRoot(): protobuf.Root {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) =>
    INCLUDE_DIRS.map((dir) => path.join(dir, target)).find((candidate) => existsSync(candidate)) ?? target;
  // keepCase: descriptors must carry the .proto's own field names, as proto-loader is told to keep them.
  root.loadSync([PROTO_FILE, HEALTH_FILE], { keepCase: true });
  root.resolveAll();
  return root;
}

/** The bundled well-known type files, e.g. google/protobuf/timestamp.proto → its JSON namespace. */
function bundledFileOf(fullName: string): string {
  const parts = fullName.slice(1).split('.');
  const files = Object.keys(protobuf.common).filter((name) => name.endsWith('.proto'));
  const found = files.find((name) => {
    let ns: protobuf.INamespace | undefined = protobuf.common.get(name) ?? undefined;
    for (const part of parts) ns = ns?.nested?.[part] as protobuf.INamespace | undefined;
    return ns !== undefined;
  });
  if (found === undefined) throw new Error(`reflection: no .proto file declares ${fullName}`);
  return found;
}

function fileOf(obj: protobuf.ReflectionObject): string {
  // A nested declaration lives in the file of its outermost message.
  let top = obj;
  while (top.parent instanceof protobuf.Type) top = top.parent;
  const source = top.filename;
  if (source === null) return bundledFileOf(top.fullName);
  const relative = INCLUDE_DIRS.map((dir) => path.relative(dir, source)).find((r) => !r.startsWith('..'));
  if (relative === undefined) throw new Error(`reflection: ${source} is outside the include directories`);
  const name = relative.split(path.sep).join('/');
  return CANONICAL_NAMES[name] ?? name;
}

/**
 * protobufjs names a map's entry type after the field (`Labels`), protoc and every descriptor validator expect
 * `LabelsEntry` (the field name in CamelCase plus "Entry").
 */
function nameMapEntries(message: descriptor.IDescriptorProto): descriptor.IDescriptorProto {
  for (const nested of message.nestedType ?? []) {
    nameMapEntries(nested);
    if (!nested.options?.mapEntry) continue;
    const field = message.field?.find((f) => f.typeName === nested.name);
    if (!field?.name) continue;
    const entry = `${field.name.replace(/(?:^|_)([a-z0-9])/gi, (_, c: string) => c.toUpperCase())}Entry`;
    nested.name = entry;
    field.typeName = entry;
  }
  return message;
}

/** The types a declaration refers to (fields, map values, method arguments, extendees), nested ones included. */
function references(decl: protobuf.ReflectionObject): protobuf.ReflectionObject[] {
  const out: protobuf.ReflectionObject[] = [];
  if (decl instanceof protobuf.Type) {
    for (const field of decl.fieldsArray) if (field.resolvedType) out.push(field.resolvedType);
    for (const nested of decl.nestedArray) out.push(...references(nested));
  } else if (decl instanceof protobuf.Service) {
    for (const method of decl.methodsArray) {
      if (method.resolvedRequestType) out.push(method.resolvedRequestType);
      if (method.resolvedResponseType) out.push(method.resolvedResponseType);
    }
  } else if (decl instanceof protobuf.Field) {
    if (decl.resolvedType) out.push(decl.resolvedType);
    if (decl.extensionField?.parent) out.push(decl.extensionField.parent);
  }
  return out;
}

function collect(ns: protobuf.Namespace, files: Map<string, FileParts>): void {
  for (const nested of ns.nestedArray) {
    if (nested.constructor === protobuf.Namespace) {
      collect(nested as protobuf.Namespace, files);
      continue;
    }
    const decl = nested as Declaration;
    const name = fileOf(decl);
    const parts = files.get(name) ?? newFile(name, ns.fullName.slice(1));
    files.set(name, parts);
    const { file } = parts;
    if (decl instanceof protobuf.Type) file.messageType.push(nameMapEntries(decl.toDescriptor('proto3')));
    else if (decl instanceof protobuf.Enum) file.enumType.push(decl.toDescriptor());
    else if (decl instanceof protobuf.Service) file.service.push(decl.toDescriptor());
    else if (decl instanceof protobuf.Field) file.extension.push(decl.toDescriptor('proto3'));
    for (const ref of references(decl)) {
      const dep = fileOf(ref);
      if (dep !== name) parts.imports.add(dep);
    }
  }
}

let cached: PackageDefinition | undefined;

/**
 * The descriptors in the shape ReflectionService reads: it indexes every entry's `fileDescriptorProtos` and
 * nothing else, so one entry per file is enough.
 */
export function reflectionDefinition(): PackageDefinition {
  if (cached) return cached;
  const files = new Map<string, FileParts>();
  collect(loadRoot(), files);
  const encoded = [...files.values()].map(({ file, imports }) => {
    file.dependency = [...imports].sort();
    return Buffer.from(descriptor.FileDescriptorProto.encode(file).finish());
  });
  cached = Object.fromEntries(
    [...files.keys()].map((name) => [name, { fileDescriptorProtos: encoded }]),
  ) as unknown as PackageDefinition;
  return cached;
}
