import CLSCore
import FluentKit
import Foundation

/// What a published contract shows the public of its programme: axes, fiches actions with their
/// status, key indicators and the ISTS profile — never a confidential action, nor anything attached
/// to one (its sub-actions, its indicators). Budgets, notes, attachments and people stay private.
public struct PublicProgramme: Sendable {
    public struct ActionLine: Sendable, Equatable, Codable {
        /// The action's id: the anchor of its line on the public page (`#action-<id>`).
        public let id: String
        public let axis: String
        public let title: String
        public let status: String
        public let statusLabel: String
        public let startsOn: String?
        public let endsOn: String?
        public let subActionCount: Int
        public let themes: [String]
        public let determinants: [String]
        public let strategies: [String]
        public let approach: String?
    }

    public struct IndicatorLine: Sendable, Equatable, Codable {
        public let action: String
        public let name: String
        public let unit: String
        public let year: Int?
        public let target: Double?
        public let actual: Double?
    }

    public struct AxisPart: Sendable {
        public let title: String
        public let actions: [ActionLine]
    }

    public let axes: [AxisPart]
    public let indicators: [IndicatorLine]
    public let progress: ProgrammeProgress
    public let report: ISTSReport

    public var actions: [ActionLine] { axes.flatMap(\.actions) }

    public static func load(contract: Contract, themes: [Theme], today: CalendarDay, on database: any Database) async throws -> PublicProgramme {
        let contractId = try contract.requireID()
        let tree = try await ProgrammeTree.load(contractId: contractId, on: database)
        func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init).filter { !$0.isEmpty } }
        func collect(_ section: ProgrammeTree.SectionNode) -> [ProgrammeTree.ActionNode] {
            section.actions.filter { !$0.action.isConfidential } + section.children.flatMap(collect)
        }
        var publicIds = Set<UUID>()
        let axes = tree.axes.map { axis -> AxisPart in
            let nodes = collect(axis)
            for node in nodes {
                if let id = node.action.id { publicIds.insert(id) }
                for sub in node.subActions where !sub.action.isConfidential { if let id = sub.action.id { publicIds.insert(id) } }
            }
            return AxisPart(title: axis.section.title, actions: nodes.map { node in
                let action = node.action
                return ActionLine(id: action.id?.uuidString ?? "", axis: axis.section.title, title: action.title, status: action.status,
                                  statusLabel: ActionStatus(rawValue: action.status)?.label ?? action.status,
                                  startsOn: action.startsOn, endsOn: action.endsOn,
                                  subActionCount: node.subActions.filter { !$0.action.isConfidential }.count,
                                  themes: list(action.themeCodes), determinants: list(action.determinantCodes),
                                  strategies: list(action.strategyCodes), approach: action.approach.isEmpty ? nil : action.approach)
            })
        }
        let titles = Dictionary(uniqueKeysWithValues: tree.actions.compactMap { action in action.id.map { ($0, action.title) } })
        let indicators = try await Indicator.query(on: database).filter(\.$contractId == contractId).sort(\.$name).all()
            .filter { publicIds.contains($0.$action.id) }
        let values = indicators.isEmpty ? [] : try await IndicatorValue.query(on: database).filter(\.$indicator.$id ~~ indicators.compactMap(\.id)).all()
        let lines = indicators.map { indicator -> IndicatorLine in
            // The latest year with an actual value, else the latest year with a target.
            let mine = values.filter { $0.$indicator.id == indicator.id }.sorted { $0.year > $1.year }
            let value = mine.first { $0.actual != nil } ?? mine.first
            return IndicatorLine(action: titles[indicator.$action.id] ?? "", name: indicator.name, unit: indicator.unit,
                                 year: value?.year, target: value?.target, actual: value?.actual)
        }
        let visibleTop = axes.flatMap(\.actions)
        let progress = ProgrammeProgress(visibleTop.map { (ActionStatus(rawValue: $0.status), $0.endsOn.flatMap(CalendarDay.init(parsing:))) },
                                         today: today)
        let coded = tree.actions.filter { $0.$parentAction.id == nil && !$0.isConfidential }.map { action in
            CodedAction(id: action.id?.uuidString ?? "", contractId: contractId.uuidString, themes: list(action.themeCodes),
                        determinants: list(action.determinantCodes), strategies: list(action.strategyCodes),
                        publics: list(action.publicCodes), sectors: list(action.sectorCodes),
                        approach: action.approach.isEmpty ? nil : action.approach, istsAim: action.istsAim.isEmpty ? nil : action.istsAim,
                        participation: action.participation.isEmpty ? nil : action.participation)
        }
        return PublicProgramme(axes: axes, indicators: lines, progress: progress, report: ISTSReport.compute(coded, themes: themes))
    }
}
