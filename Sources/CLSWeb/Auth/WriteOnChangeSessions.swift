import Fluent
import SQLKit
import Vapor

/// Wraps a session driver so that a session is written back only when its data changed during
/// the request. Vapor's sessions middleware updates the stored session after every response that
/// touched it — with sessions in the database, that is one write (and one disk sync on SQLite)
/// per page view, serialised by the database's write lock. Reading a page changes nothing, so
/// it writes nothing. The table is Fluent's (`SessionRecord`); writes go through Fluent's driver.
struct WriteOnChangeSessions: SessionDriver {
    let base: any SessionDriver

    private struct ReadKey: Vapor.StorageKey { typealias Value = [String: String] }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request).map { id in
            request.storage[ReadKey.self] = data.snapshot
            return id
        }
    }

    /// Reads the stored session as one column (every request with a cookie does it), rather than
    /// through Fluent's session model, which the base driver decodes by reflection.
    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        let read: EventLoopFuture<SessionData?>
        if let sql = request.db as? any SQLDatabase {
            read = sql.raw("SELECT data FROM \(ident: SessionRecord.schema) WHERE key = \(bind: sessionID.string)").first()
                .flatMapThrowing { row in try row?.decode(column: "data", as: SessionData.self) }
        } else {
            read = base.readSession(sessionID, for: request)
        }
        return read.map { data in
            request.storage[ReadKey.self] = data?.snapshot
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let read = request.storage[ReadKey.self], read == data.snapshot {
            return request.eventLoop.makeSucceededFuture(sessionID)
        }
        return base.updateSession(sessionID, to: data, for: request).map { id in
            request.storage[ReadKey.self] = data.snapshot
            return id
        }
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        request.storage[ReadKey.self] = nil
        return base.deleteSession(sessionID, for: request)
    }
}
