struct MIMEHeaders: Sendable { subscript(name: String) -> String? { nil }; func decoded(_ name: String) -> String? { nil } }
struct MIMEEntity: Sendable {
    var headers = MIMEHeaders(); var mediaType = ""; var fileName: String?; var body: [UInt8] = []
    static func parse(_ bytes: [UInt8]) -> MIMEEntity { MIMEEntity() }
    func leaves() -> [MIMEEntity] { [] }
    static func looksLikeMessage(_ prefix: ArraySlice<UInt8>) -> Bool { false }
}
enum MboxMessage: Sendable { case message(bytes: [UInt8], offset: Int); case tooLarge(offset: Int, size: Int) }
struct MboxReader { init(path: String, maximumMessageSize: Int) throws {}; mutating func next() throws -> MboxMessage? { nil } }
