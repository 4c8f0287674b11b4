"""The part of the Shopify GraphQL Admin API schema the emulator serves, and the query cost
calculation Shopify documents: scalars and enums cost 0, an object 1, a connection
2 + ``first`` × the cost of one node, a mutation 10. The requested cost is computed from the
query before it runs; the actual cost from what came back."""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    build_schema,
    get_named_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    value_from_ast_untyped,
)

SDL = """
scalar DateTime
scalar URL

"Runs a mutation once per key: a repeat answers as the first did (required from 2026-04)."
directive @idempotent(key: String!) on FIELD

type Query {
  orders(first: Int, after: String, last: Int, before: String, query: String,
         sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
  order(id: ID!): Order
  shop: Shop!
  productVariants(first: Int, after: String, query: String): ProductVariantConnection!
  locations(first: Int, after: String): LocationConnection!
  return(id: ID!): Return
  returnableFulfillments(orderId: ID!, first: Int, after: String): ReturnableFulfillmentConnection!
}

type Mutation {
  fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload
  inventorySetQuantities(input: InventorySetQuantitiesInput!): InventorySetQuantitiesPayload
  returnCreate(returnInput: ReturnInput!): ReturnCreatePayload
  returnProcess(input: ReturnProcessInput!): ReturnProcessPayload
}

type Shop { name: String! myshopifyDomain: String! }

enum OrderSortKeys { UPDATED_AT CREATED_AT ID PROCESSED_AT }

enum OrderDisplayFulfillmentStatus {
  FULFILLED IN_PROGRESS ON_HOLD OPEN PARTIALLY_FULFILLED PENDING_FULFILLMENT RESTOCKED
  SCHEDULED UNFULFILLED REQUEST_DECLINED
}

enum FulfillmentOrderStatus { OPEN IN_PROGRESS CANCELLED INCOMPLETE CLOSED SCHEDULED ON_HOLD }

type PageInfo {
  hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String
}

type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! }
type OrderEdge { cursor: String! node: Order! }

type Order {
  id: ID!
  name: String!
  email: String
  note: String
  createdAt: DateTime!
  updatedAt: DateTime!
  cancelledAt: DateTime
  displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
  shippingAddress: MailingAddress
  shippingLine: ShippingLine
  customAttributes: [Attribute!]!
  lineItems(first: Int, after: String): LineItemConnection!
  fulfillmentOrders(first: Int, after: String): FulfillmentOrderConnection!
  fulfillments(first: Int): [Fulfillment!]!
  returnStatus: OrderReturnStatus!
  returns(first: Int, after: String): ReturnConnection!
}

enum OrderReturnStatus {
  INSPECTION_COMPLETE IN_PROGRESS NO_RETURN RETURNED RETURN_FAILED RETURN_REQUESTED
}

type ShippingLine { title: String! code: String deliveryCategory: String }
type Attribute { key: String! value: String }

type MailingAddress {
  name: String firstName: String lastName: String company: String address1: String
  address2: String city: String zip: String province: String provinceCode: String
  country: String countryCodeV2: String phone: String
}

type LineItemConnection { edges: [LineItemEdge!]! nodes: [LineItem!]! pageInfo: PageInfo! }
type LineItemEdge { cursor: String! node: LineItem! }
type LineItem {
  id: ID! sku: String name: String! title: String! quantity: Int! currentQuantity: Int!
  unfulfilledQuantity: Int! variant: ProductVariant
}
type ProductVariant {
  id: ID! sku: String barcode: String title: String! inventoryItem: InventoryItem!
}
type ProductVariantConnection {
  edges: [ProductVariantEdge!]! nodes: [ProductVariant!]! pageInfo: PageInfo!
}
type ProductVariantEdge { cursor: String! node: ProductVariant! }

type InventoryItem {
  id: ID! sku: String tracked: Boolean!
  inventoryLevels(first: Int, after: String): InventoryLevelConnection!
  inventoryLevel(locationId: ID!): InventoryLevel
}
type InventoryLevelConnection {
  edges: [InventoryLevelEdge!]! nodes: [InventoryLevel!]! pageInfo: PageInfo!
}
type InventoryLevelEdge { cursor: String! node: InventoryLevel! }
type InventoryLevel {
  id: ID! location: Location! quantities(names: [String!]!): [InventoryQuantity!]!
}
type InventoryQuantity { name: String! quantity: Int! }
type Location { id: ID! name: String! isActive: Boolean! }
type LocationConnection { edges: [LocationEdge!]! nodes: [Location!]! pageInfo: PageInfo! }
type LocationEdge { cursor: String! node: Location! }

input InventorySetQuantitiesInput {
  name: String!
  reason: String!
  referenceDocumentUri: String
  quantities: [InventoryQuantityInput!]!
  ignoreCompareQuantity: Boolean
}
input InventoryQuantityInput {
  inventoryItemId: ID! locationId: ID! quantity: Int! changeFromQuantity: Int compareQuantity: Int
}
type InventorySetQuantitiesPayload {
  inventoryAdjustmentGroup: InventoryAdjustmentGroup
  userErrors: [InventorySetQuantitiesUserError!]!
}
type InventoryAdjustmentGroup {
  id: ID! reason: String! referenceDocumentUri: String changes: [InventoryChange!]!
}
type InventoryChange {
  name: String! delta: Int! quantityAfterChange: Int item: InventoryItem location: Location
}
type InventorySetQuantitiesUserError { field: [String!] message: String! code: String }

enum ReturnStatus { CANCELED CLOSED DECLINED OPEN REQUESTED }
enum ReturnReason {
  COLOR DEFECTIVE NOT_AS_DESCRIBED OTHER SIZE_TOO_LARGE SIZE_TOO_SMALL STYLE UNKNOWN UNWANTED
  WRONG_ITEM
}
enum ReverseFulfillmentOrderDispositionType { MISSING NOT_RESTOCKED PROCESSING_REQUIRED RESTOCKED }

type ReturnConnection { edges: [ReturnEdge!]! nodes: [Return!]! pageInfo: PageInfo! }
type ReturnEdge { cursor: String! node: Return! }
type Return {
  id: ID! name: String! status: ReturnStatus! order: Order
  returnLineItems(first: Int, after: String): ReturnLineItemConnection!
  reverseFulfillmentOrders(first: Int, after: String): ReverseFulfillmentOrderConnection!
}
type ReturnLineItemConnection {
  edges: [ReturnLineItemEdge!]! nodes: [ReturnLineItem!]! pageInfo: PageInfo!
}
type ReturnLineItemEdge { cursor: String! node: ReturnLineItem! }
type ReturnLineItem {
  id: ID! quantity: Int! processedQuantity: Int! unprocessedQuantity: Int!
  returnReason: ReturnReason! returnReasonNote: String!
  fulfillmentLineItem: FulfillmentLineItem!
}
type FulfillmentLineItem { id: ID! quantity: Int lineItem: LineItem! }

type ReverseFulfillmentOrderConnection {
  edges: [ReverseFulfillmentOrderEdge!]! nodes: [ReverseFulfillmentOrder!]! pageInfo: PageInfo!
}
type ReverseFulfillmentOrderEdge { cursor: String! node: ReverseFulfillmentOrder! }
type ReverseFulfillmentOrder {
  id: ID! status: String!
  lineItems(first: Int, after: String): ReverseFulfillmentOrderLineItemConnection!
}
type ReverseFulfillmentOrderLineItemConnection {
  edges: [ReverseFulfillmentOrderLineItemEdge!]!
  nodes: [ReverseFulfillmentOrderLineItem!]!
  pageInfo: PageInfo!
}
type ReverseFulfillmentOrderLineItemEdge { cursor: String! node: ReverseFulfillmentOrderLineItem! }
type ReverseFulfillmentOrderLineItem {
  id: ID! totalQuantity: Int! fulfillmentLineItem: FulfillmentLineItem
  dispositions: [ReverseFulfillmentOrderDisposition!]!
}
type ReverseFulfillmentOrderDisposition {
  id: ID! quantity: Int! type: ReverseFulfillmentOrderDispositionType! location: Location
}

type ReturnableFulfillmentConnection {
  edges: [ReturnableFulfillmentEdge!]! nodes: [ReturnableFulfillment!]! pageInfo: PageInfo!
}
type ReturnableFulfillmentEdge { cursor: String! node: ReturnableFulfillment! }
type ReturnableFulfillment {
  id: ID! fulfillment: Fulfillment!
  returnableFulfillmentLineItems(first: Int, after: String):
    ReturnableFulfillmentLineItemConnection!
}
type ReturnableFulfillmentLineItemConnection {
  edges: [ReturnableFulfillmentLineItemEdge!]!
  nodes: [ReturnableFulfillmentLineItem!]!
  pageInfo: PageInfo!
}
type ReturnableFulfillmentLineItemEdge { cursor: String! node: ReturnableFulfillmentLineItem! }
type ReturnableFulfillmentLineItem { quantity: Int! fulfillmentLineItem: FulfillmentLineItem! }

input ReturnInput {
  orderId: ID!
  returnLineItems: [ReturnLineItemInput!]!
  notifyCustomer: Boolean
  requestedAt: DateTime
}
input ReturnLineItemInput {
  fulfillmentLineItemId: ID! quantity: Int! returnReason: ReturnReason returnReasonNote: String
}
type ReturnCreatePayload { return: Return userErrors: [ReturnUserError!]! }

input ReturnProcessInput {
  returnId: ID!
  returnLineItems: [ReturnProcessReturnLineItemInput!]
  notifyCustomer: Boolean
}
input ReturnProcessReturnLineItemInput {
  id: ID! quantity: Int! dispositions: [ReverseFulfillmentOrderDisposeInput!]
}
input ReverseFulfillmentOrderDisposeInput {
  reverseFulfillmentOrderLineItemId: ID!
  quantity: Int!
  dispositionType: ReverseFulfillmentOrderDispositionType!
  locationId: ID
}
type ReturnProcessPayload { return: Return userErrors: [ReturnUserError!]! }
type ReturnUserError { field: [String!] message: String! code: String }

type FulfillmentOrderConnection {
  edges: [FulfillmentOrderEdge!]! nodes: [FulfillmentOrder!]! pageInfo: PageInfo!
}
type FulfillmentOrderEdge { cursor: String! node: FulfillmentOrder! }
type FulfillmentOrder {
  id: ID! status: FulfillmentOrderStatus!
  lineItems(first: Int, after: String): FulfillmentOrderLineItemConnection!
}
type FulfillmentOrderLineItemConnection {
  edges: [FulfillmentOrderLineItemEdge!]! nodes: [FulfillmentOrderLineItem!]! pageInfo: PageInfo!
}
type FulfillmentOrderLineItemEdge { cursor: String! node: FulfillmentOrderLineItem! }
type FulfillmentOrderLineItem {
  id: ID! remainingQuantity: Int! totalQuantity: Int! lineItem: LineItem!
}

type Fulfillment {
  id: ID! status: String! createdAt: DateTime! trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
}
type FulfillmentTrackingInfo { company: String number: String url: URL }

input FulfillmentInput {
  lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]!
  trackingInfo: FulfillmentTrackingInput
  notifyCustomer: Boolean
}
input FulfillmentOrderLineItemsInput {
  fulfillmentOrderId: ID!
  fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!]
}
input FulfillmentOrderLineItemInput { id: ID! quantity: Int! }
input FulfillmentTrackingInput { company: String number: String url: URL }

type FulfillmentCreatePayload { fulfillment: Fulfillment userErrors: [UserError!]! }
type UserError { field: [String!] message: String! }
"""

MUTATION_COST = 10
DEFAULT_PAGE = 10


def make_schema() -> GraphQLSchema:
    return build_schema(SDL)


def operation(document: DocumentNode) -> OperationDefinitionNode:
    ops = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    return ops[0]


def cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any],
    data: dict[str, Any] | None = None,
) -> int:
    """The query's cost: requested when ``data`` is None, else actual for that result."""
    op = operation(document)
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    if op.operation == OperationType.MUTATION:
        fields = [s for s in op.selection_set.selections if isinstance(s, FieldNode)]
        return MUTATION_COST * len(fields)
    root = schema.query_type
    assert root is not None
    return _selection_cost(op.selection_set, root, variables, fragments, data)


def _argument(node: FieldNode, name: str, variables: dict[str, Any]) -> Any:
    for arg in node.arguments or ():
        if arg.name.value == name:
            return value_from_ast_untyped(arg.value, variables)
    return None


def _selection_cost(
    selection_set: SelectionSetNode | None,
    parent: GraphQLObjectType,
    variables: dict[str, Any],
    fragments: dict[str, FragmentDefinitionNode],
    data: Any,
) -> int:
    if selection_set is None:
        return 0
    total = 0
    for sel in selection_set.selections:
        if isinstance(sel, InlineFragmentNode):
            total += _selection_cost(sel.selection_set, parent, variables, fragments, data)
            continue
        if isinstance(sel, FragmentSpreadNode):
            frag = fragments.get(sel.name.value)
            if frag is not None:
                total += _selection_cost(frag.selection_set, parent, variables, fragments, data)
            continue
        assert isinstance(sel, FieldNode)
        name = sel.name.value
        if name.startswith("__") or name not in parent.fields:
            continue
        field_type = parent.fields[name].type
        named = get_named_type(field_type)
        if is_leaf_type(named):
            continue
        assert isinstance(named, GraphQLObjectType)
        key = sel.alias.value if sel.alias else name
        sub = data.get(key) if isinstance(data, dict) else None
        if named.name.endswith("Connection"):
            total += 2 + _connection_cost(sel, named, variables, fragments, data, sub)
        elif is_list_type(field_type.of_type if is_non_null_type(field_type) else field_type):
            if data is None:
                names = _argument(sel, "names", variables)
                count = _argument(sel, "first", variables) or (
                    len(names) if isinstance(names, list) else DEFAULT_PAGE
                )
                total += count * (
                    1 + _selection_cost(sel.selection_set, named, variables, fragments, None)
                )
            else:
                for item in sub or ():
                    total += 1 + _selection_cost(
                        sel.selection_set, named, variables, fragments, item
                    )
        else:
            total += 1 + _selection_cost(sel.selection_set, named, variables, fragments, sub)
    return total


def _connection_cost(
    sel: FieldNode,
    connection: GraphQLObjectType,
    variables: dict[str, Any],
    fragments: dict[str, FragmentDefinitionNode],
    data: Any,
    sub: Any,
) -> int:
    """``first`` (or the actual number of nodes) × the cost of one node."""
    edge_type = get_named_type(connection.fields["edges"].type)
    assert isinstance(edge_type, GraphQLObjectType)
    node_type = get_named_type(edge_type.fields["node"].type)
    assert isinstance(node_type, GraphQLObjectType)
    node_selections: list[tuple[SelectionSetNode | None, str]] = []
    for part in sel.selection_set.selections if sel.selection_set else ():
        if not isinstance(part, FieldNode):
            continue
        if part.name.value == "nodes":
            node_selections.append((part.selection_set, "nodes"))
        elif part.name.value == "edges" and part.selection_set:
            for inner in part.selection_set.selections:
                if isinstance(inner, FieldNode) and inner.name.value == "node":
                    node_selections.append((inner.selection_set, "edges"))
    if data is None:
        count = _argument(sel, "first", variables) or _argument(sel, "last", variables)
        count = count or DEFAULT_PAGE
        per = sum(
            1 + _selection_cost(s, node_type, variables, fragments, None)
            for s, _ in node_selections
        )
        return int(count) * per
    total = 0
    for selection, where in node_selections:
        items = (sub or {}).get(where) or []
        for item in items:
            node = item.get("node") if where == "edges" else item
            total += 1 + _selection_cost(selection, node_type, variables, fragments, node)
    return total
