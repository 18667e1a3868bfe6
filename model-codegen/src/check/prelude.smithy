// The prelude as `check`'s validators read it: Smithy 2.0's simple shapes, `Unit`, and each
// trait definition (selector, conflicts, structural exclusivity) with the shapes its value
// takes, as the spec defines them; documentation left out.
$version: "2.0"

namespace smithy.api

string String
blob Blob
bigInteger BigInteger
bigDecimal BigDecimal
timestamp Timestamp
document Document
boolean Boolean
byte Byte
short Short
integer Integer
long Long
float Float
double Double

@default(false)
boolean PrimitiveBoolean
@default(0)
byte PrimitiveByte
@default(0)
short PrimitiveShort
@default(0)
integer PrimitiveInteger
@default(0)
long PrimitiveLong
@default(0)
float PrimitiveFloat
@default(0)
double PrimitiveDouble

@unitType
structure Unit {}

@trait(selector: ":is(simpleType, list, map, structure, union)")
structure trait {
    selector: String
    structurallyExclusive: StructurallyExclusive
    conflicts: NonEmptyStringList
}

@private
enum StructurallyExclusive {
    MEMBER = "member"
    TARGET = "target"
}

@trait
structure deprecated {
    message: String
    since: String
}

@trait
string documentation

@trait
@length(min: 1)
map externalDocumentation {
    key: NonEmptyString
    value: NonEmptyString
}

@trait(selector: ":is(service, operation)")
list auth {
    member: AuthTraitReference
}

@private
@idRef(selector: "[trait|authDefinition]")
string AuthTraitReference

@trait(selector: "structure[trait|trait]")
structure protocolDefinition {
    traits: NonEmptyStringList
    noInlineDocumentSupport: Boolean
}

@trait(selector: "structure[trait|trait]")
structure authDefinition {
    traits: NonEmptyStringList
}

@trait(selector: "service")
@authDefinition
structure httpBasicAuth {}

@trait(selector: "service")
@authDefinition
structure httpDigestAuth {}

@trait(selector: "service")
@authDefinition
structure httpBearerAuth {}

@trait(selector: "service")
@authDefinition
structure httpApiKeyAuth {
    @required
    name: NonEmptyString
    @required
    in: HttpApiKeyLocations
    scheme: NonEmptyString
}

@private
enum HttpApiKeyLocations {
    HEADER = "header"
    QUERY = "query"
}

@trait(selector: ":is(simpleType, list, map, structure > member :test(> :is(simpleType, list, map)))")
document default

@trait(selector: "structure > member [trait|default]")
structure addedDefault {}

@trait(selector: "structure > member")
structure clientOptional {}

@trait(selector: "operation")
structure optionalAuth {}

@trait(selector: "operation")
list examples {
    member: Example
}

@private
structure Example {
    @required
    title: String
    documentation: String
    input: Document
    output: Document
    error: ExampleError
    allowConstraintErrors: Boolean
}

@private
structure ExampleError {
    shapeId: String
    content: Document
}

@trait(selector: "structure", conflicts: ["smithy.api#trait"])
enum error {
    CLIENT = "client"
    SERVER = "server"
}

@trait(selector: "structure[trait|error]")
structure retryable {
    throttling: Boolean
}

@trait(selector: "operation", conflicts: ["smithy.api#idempotent"])
structure readonly {}

@trait(selector: "operation", conflicts: ["smithy.api#readonly"])
structure idempotent {}

@trait(selector: "structure > :test(member > string)", structurallyExclusive: "member")
structure idempotencyToken {}

@trait
structure internal {}

@trait(selector: ":is(structure, union) > member")
string jsonName

@trait(selector: "structure > :test(member > :test(boolean, number, string, timestamp))", conflicts: ["smithy.api#xmlNamespace"])
structure xmlAttribute {}

@trait(selector: ":is(structure, union) > :test(member > :test(list, map))")
structure xmlFlattened {}

@trait(selector: ":is(structure, union, member)")
@pattern("^[a-zA-Z_][a-zA-Z_0-9-]*(:[a-zA-Z_][a-zA-Z_0-9-]*)?$")
string xmlName

@trait(selector: ":is(service, member, simpleType, list, map, structure, union)", conflicts: ["smithy.api#xmlAttribute"])
structure xmlNamespace {
    @required
    uri: NonEmptyString
    @pattern("^[a-zA-Z_][a-zA-Z_0-9-]*$")
    prefix: NonEmptyString
}

@private
@length(min: 1)
string NonEmptyString

@private
list NonEmptyStringList {
    member: NonEmptyString
}

@private
map NonEmptyStringMap {
    key: NonEmptyString
    value: NonEmptyString
}

@trait(selector: ":is(blob, string)")
string mediaType

@trait(selector: ":is(structure, string)")
list references {
    member: Reference
}

@private
structure Reference {
    @required
    resource: NonEmptyString
    ids: NonEmptyStringMap
    service: NonEmptyString
    rel: NonEmptyString
}

@trait(selector: "structure > :test(member[trait|required] > string)")
@length(min: 1)
string resourceIdentifier

@trait
structure private {}

@trait(selector: ":not(:test(service, operation, resource, member))")
structure sensitive {}

@trait
string since

@trait(selector: ":is(blob, union)", structurallyExclusive: "target")
structure streaming {}

@trait(selector: "blob[trait|streaming]")
structure requiresLength {}

@trait
list tags {
    member: String
}

@trait(selector: ":is(service, resource)")
string title

@trait(selector: "string :not(enum)")
@length(min: 1)
list enum {
    member: EnumDefinition
}

@private
structure EnumDefinition {
    @required
    value: NonEmptyString
    name: EnumConstantBodyName
    documentation: String
    tags: NonEmptyStringList
    deprecated: Boolean
}

@private
@pattern("^[a-zA-Z_]+[a-zA-Z_0-9]*$")
string EnumConstantBodyName

@trait(selector: ":is(enum, intEnum) > member")
document enumValue

@trait(selector: ":test(list, map, string, blob, member > :is(list, map, string, blob))")
structure length {
    min: Long
    max: Long
}

@trait(selector: ":test(number, member > number)")
structure range {
    min: BigDecimal
    max: BigDecimal
}

@trait(selector: ":test(string, member > string)")
string pattern

@trait(selector: "structure > member")
structure required {}

@trait(selector: "structure > member", conflicts: ["smithy.api#resourceIdentifier"])
structure property {
    name: String
}

@trait(selector: ":is(operation -[input, output]-> structure > member, [trait|trait])")
structure notProperty {}

@trait(selector: "operation -[input, output]-> structure > member :test(> structure)", structurallyExclusive: "member")
structure nestedProperties {}

@trait(selector: "structure > member", conflicts: ["smithy.api#required"])
structure recommended {
    reason: String
}

@trait(selector: ":is(list, map)")
structure sparse {}

@trait(selector: "list :not(> member ~> :is(float, double, document))", conflicts: ["smithy.api#sparse"])
structure uniqueItems {}

@trait
structure unstable {}

// A resource whose `put` may only create, never replace.
@trait(selector: "resource:test(-[put]->)")
structure noReplace {}

// Newer than the spec text at hand: known from Smithy's own validator tests, which apply
// it to operations and bound `timeoutMillis` below by 1.
@trait(selector: "operation")
@unstable
structure longPoll {
    @range(min: 1)
    timeoutMillis: Integer
}

// Typed metadata: the shape a metadata `key`'s value takes. Known from Smithy's own
// validator tests (its selector leaves out operation input and output structures).
@trait(selector: "dataType :not([trait|input]) :not([trait|output])")
structure metadata {
    @required
    key: String
}

@trait(selector: ":is(service, operation)")
structure paginated {
    inputToken: NonEmptyString
    outputToken: NonEmptyString
    items: NonEmptyString
    pageSize: NonEmptyString
}

@trait(selector: "operation")
structure http {
    @required
    method: NonEmptyString
    @required
    uri: NonEmptyString
    @range(min: 100, max: 999)
    code: Integer
}

@trait(selector: "structure > member[trait|required] :test(> :test(string, number, boolean, timestamp))", conflicts: ["smithy.api#httpHeader", "smithy.api#httpQuery", "smithy.api#httpPrefixHeaders", "smithy.api#httpPayload", "smithy.api#httpResponseCode", "smithy.api#httpQueryParams"])
structure httpLabel {}

@trait(selector: "structure > member :test(> :test(string, number, boolean, timestamp), > list > member > :test(string, number, boolean, timestamp))", conflicts: ["smithy.api#httpLabel", "smithy.api#httpHeader", "smithy.api#httpPrefixHeaders", "smithy.api#httpPayload", "smithy.api#httpResponseCode", "smithy.api#httpQueryParams"])
@length(min: 1)
string httpQuery

@trait(selector: "structure > member :test(> map > member[id|member=value] > :test(string, list > member > string))", structurallyExclusive: "member", conflicts: ["smithy.api#httpLabel", "smithy.api#httpQuery", "smithy.api#httpHeader", "smithy.api#httpPayload", "smithy.api#httpResponseCode", "smithy.api#httpPrefixHeaders"])
structure httpQueryParams {}

@trait(selector: "structure > :test(member > :test(boolean, number, string, timestamp, list > member > :test(boolean, number, string, timestamp)))", conflicts: ["smithy.api#httpLabel", "smithy.api#httpQuery", "smithy.api#httpPrefixHeaders", "smithy.api#httpPayload", "smithy.api#httpResponseCode", "smithy.api#httpQueryParams"])
@length(min: 1)
string httpHeader

@trait(selector: "structure > member :test(> map :not([trait|sparse]) > member[id|member=value] > string)", structurallyExclusive: "member", conflicts: ["smithy.api#httpLabel", "smithy.api#httpQuery", "smithy.api#httpHeader", "smithy.api#httpPayload", "smithy.api#httpResponseCode", "smithy.api#httpQueryParams"])
string httpPrefixHeaders

@trait(selector: "structure > member", structurallyExclusive: "member", conflicts: ["smithy.api#httpLabel", "smithy.api#httpQuery", "smithy.api#httpHeader", "smithy.api#httpPrefixHeaders", "smithy.api#httpResponseCode", "smithy.api#httpQueryParams"])
structure httpPayload {}

@trait(selector: "structure[trait|error]")
integer httpError

@trait(selector: "structure :not([trait|input]) > member :test(> integer)", structurallyExclusive: "member", conflicts: ["smithy.api#httpLabel", "smithy.api#httpQuery", "smithy.api#httpHeader", "smithy.api#httpPrefixHeaders", "smithy.api#httpPayload", "smithy.api#httpQueryParams"])
structure httpResponseCode {}

@trait(selector: "service")
structure cors {
    origin: NonEmptyString
    maxAge: Integer
    additionalAllowedHeaders: NonEmptyStringList
    additionalExposedHeaders: NonEmptyStringList
}

@trait(selector: "structure > :test(member > :test(blob, string, structure, union))", conflicts: ["smithy.api#eventHeader"], structurallyExclusive: "member")
structure eventPayload {}

@trait(selector: "structure > :test(member > :test(boolean, byte, short, integer, long, blob, string, timestamp))", conflicts: ["smithy.api#eventPayload"])
structure eventHeader {}

@trait(selector: ":test(string, member > string)")
structure idRef {
    selector: String
    failWhenMissing: Boolean
    errorMessage: String
}

@trait(selector: ":test(timestamp, member > timestamp)")
enum timestampFormat {
    DATE_TIME = "date-time"
    EPOCH_SECONDS = "epoch-seconds"
    HTTP_DATE = "http-date"
}

@trait(selector: "operation")
structure endpoint {
    @required
    hostPrefix: NonEmptyString
}

@trait(selector: "structure > :test(member[trait|required] > string)")
structure hostLabel {}

@trait
list suppress {
    @length(min: 1)
    member: String
}

@trait(selector: ":test(boolean, byte, short, integer, long, float, double, member > :test(boolean, byte, short, integer, long, float, double))")
structure box {}

@trait(selector: "operation")
structure httpChecksumRequired {}

@trait(selector: "structure", conflicts: ["smithy.api#output", "smithy.api#error"])
structure input {}

@trait(selector: "structure", conflicts: ["smithy.api#input", "smithy.api#error"])
structure output {}

@trait(selector: "[id=smithy.api#Unit]")
structure unitType {}

@trait(selector: ":not(member)")
structure mixin {
    localTraits: NonEmptyStringList
}

@trait(selector: "operation")
structure requestCompression {
    @required
    encodings: NonEmptyStringList
}
