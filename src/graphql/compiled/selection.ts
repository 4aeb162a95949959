/**
 * Reading a GraphQL selection the way graphql-js's executor does (fields grouped by response key, fragments
 * applied by type, `@skip`/`@include` evaluated), for the compiled query path. Anything the path does not
 * handle raises `NotCompilable`, and the request runs through the ordinary executor instead.
 */
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
  getDirectiveValues,
} from 'graphql';

/** The compiled path does not handle this selection; the ordinary executor will. */
export class NotCompilable extends Error {}

export type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;
export type Variables = Readonly<Record<string, unknown>>;

/** Fields selected on `type` by `selectionSets`, by response key, in document order. */
export function collectFields(
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  fragments: Fragments,
  variables: Variables,
): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const applies = (typeName: string | undefined) =>
    typeName === undefined || typeName === type.name || type.getInterfaces().some((i) => i.name === typeName);
  const visit = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const group = fields.get(key);
        if (group) group.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value)) visit(selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment) throw new NotCompilable(`unknown fragment ${selection.name.value}`);
        if (applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return fields;
}

/** The selection sets below a group of fields with one response key (validation made them mergeable). */
export function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

function included(selection: SelectionNode, variables: Variables): boolean {
  for (const directive of selection.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') throw new NotCompilable(`directive @${name}`);
  }
  if (!selection.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, selection, variables as Record<string, unknown>);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, selection, variables as Record<string, unknown>);
  return include?.if !== false;
}
