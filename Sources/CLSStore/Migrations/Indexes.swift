import FluentKit
import SQLKit

/// Fluent's schema builder has no composite-index API; both engines accept this SQL.
/// Names and columns come from migrations, never from users.
enum Indexes {
    static func create(_ indexes: [(name: String, table: String, columns: [String])], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in indexes {
            let columns = index.columns.map { "\"\($0)\"" }.joined(separator: ", ")
            try await sql.raw("CREATE INDEX IF NOT EXISTS \(unsafeRaw: "\"\(index.name)\"") ON \(unsafeRaw: "\"\(index.table)\"") (\(unsafeRaw: columns))").run()
        }
    }
}
