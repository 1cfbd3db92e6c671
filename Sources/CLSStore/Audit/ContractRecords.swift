import FluentKit
import Foundation

extension Auditable {
    /// The record `id` if it belongs to the contract `contractId` (another contract's is not
    /// found, so ids cannot be probed across contracts): one query.
    public static func find(_ id: UUID?, inContract contractId: UUID, on database: any Database) async throws -> Self? {
        guard let id, let record = try await Self.find(id, on: database), record.auditContractId == contractId else { return nil }
        return record
    }
}
