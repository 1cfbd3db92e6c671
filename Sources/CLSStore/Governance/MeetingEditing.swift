import CLSCore
import FluentKit
import Foundation

/// The changes to meetings that touch several records: scheduling (the body's current members
/// are invited) and the attendance sheet.
public enum MeetingEditing {
    /// Creates the meeting and invites the current members of its body; returns how many were invited.
    @discardableResult
    public static func schedule(_ meeting: Meeting, in contract: Contract, using mutations: Mutations) async throws -> Int {
        let contractId = try contract.requireID()
        let members = try await BodyMember.query(on: mutations.database).filter(\.$body.$id == meeting.$body.id)
            .filter(\.$leftOn == nil).all()
        let permission = Permission.editContract(contract.accessScope)
        try await mutations.transaction { tx in
            try await tx.create(meeting, permission: permission)
            let meetingId = try meeting.requireID()
            for member in members {
                try await tx.create(MeetingAttendance(contractId: contractId, meetingId: meetingId, memberId: member.id,
                                                      organisationName: member.organisationName, personName: member.personName,
                                                      isInhabitant: member.isInhabitant, invited: true, present: false),
                                    permission: permission)
            }
        }
        return members.count
    }

    /// Sets who was invited and who was present, by attendance id.
    public static func saveAttendance(of meeting: Meeting, invited: Set<String>, present: Set<String>, in contract: Contract,
                                      using mutations: Mutations) async throws {
        let rows = try await MeetingAttendance.query(on: mutations.database).filter(\.$meeting.$id == meeting.requireID()).all()
        let permission = Permission.editContract(contract.accessScope)
        try await mutations.transaction { tx in
            for row in rows {
                let key = row.id?.uuidString ?? ""
                try await tx.update(row, permission: permission) {
                    $0.invited = invited.contains(key)
                    $0.present = present.contains(key)
                }
            }
        }
    }
}
