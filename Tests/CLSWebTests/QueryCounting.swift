import Foundation
import Vapor

/// Counts the SQL statements the database drivers log ("Executing query", at the debug level,
/// on SQLite and PostgreSQL alike) while a block runs. The logging system is bootstrapped once
/// per test process with `QueryCountingLogHandler`, which forwards info and above to the standard
/// output as the default handler does.
enum QueryCounting {
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        private var texts: [String] = []
        func reset() { lock.withLock { value = 0; texts = [] } }
        func increment(_ sql: String) { lock.withLock { value += 1; texts.append(sql) } }
        var current: Int { lock.withLock { value } }
        var statements: [String] { lock.withLock { texts } }
    }

    private static let counter = Counter()
    private static let bootstrapped: Bool = {
        LoggingSystem.bootstrap { label in QueryCountingLogHandler(label: label) }
        return true
    }()

    static func install() { _ = bootstrapped }

    static func record(_ sql: String) { counter.increment(sql) }

    /// The statements executed while `body` runs.
    static func statements(_ body: () async throws -> Void) async rethrows -> [String] {
        install()
        counter.reset()
        try await body()
        return counter.statements
    }

    /// The number of statements executed while `body` runs.
    static func count(_ body: () async throws -> Void) async rethrows -> Int {
        install()
        counter.reset()
        try await body()
        return counter.current
    }
}

struct QueryCountingLogHandler: LogHandler {
    private var forward: StreamLogHandler
    var metadata: Logger.Metadata = [:]
    /// What the owner asked for; the handler itself always listens from `.debug` to see queries.
    private var requestedLevel: Logger.Level = .info

    init(label: String) { forward = StreamLogHandler.standardOutput(label: label) }

    var logLevel: Logger.Level {
        get { min(.debug, requestedLevel) }
        set { requestedLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        if message.description == "Executing query" {
            var sql = ""
            if case .string(let text)? = metadata?["sql"] { sql = text }
            QueryCounting.record(sql)
        }
        if level >= max(requestedLevel, .info) {
            forward.log(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line)
        }
    }
}
