import CLSCore
import CLSStore
import Fluent
import Foundation

/// A contract's RÉFLEX-ISS sessions, oldest first, with their ratings.
enum EquitySessions {
    struct Sessions {
        let sessions: [ReflexSession]
        /// Scores and comments by session id, then element code.
        let ratings: [UUID: [String: ReflexRating]]

        func scores(_ session: ReflexSession) -> [String: Int] {
            (ratings[session.id!] ?? [:]).compactMapValues(\.score)
        }

        func previous(of session: ReflexSession) -> ReflexSession? {
            guard let index = sessions.firstIndex(where: { $0.id == session.id }), index > 0 else { return nil }
            return sessions[index - 1]
        }
    }

    /// The contract's sessions, oldest first, and their ratings: two queries.
    static func load(contractId: UUID, on database: any Database) async throws -> Sessions {
        let sessions = try await ReflexSession.query(on: database).filter(\.$contractId == contractId)
            .sort(\.$heldOn).sort(\.$createdAt).all()
        var ratings: [UUID: [String: ReflexRating]] = [:]
        for rating in try await ReflexRating.query(on: database).filter(\.$contractId == contractId).all() {
            ratings[rating.$session.id, default: [:]][rating.elementCode] = rating
        }
        return Sessions(sessions: sessions, ratings: ratings)
    }
}
