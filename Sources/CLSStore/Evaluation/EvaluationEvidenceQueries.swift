import CLSCore
import FluentKit
import Foundation

/// Assembles the final evaluation's evidence from the data as it stands on `day`: the programme's
/// outcome and the governance's activity (from the contract's dashboard), the ISTS coding, the
/// RÉFLEX-ISS sessions, indicators against targets and budgets by funder.
public enum EvaluationEvidenceQueries {
    public static func load(_ contract: Contract, on day: CalendarDay, database: any Database) async throws -> EvaluationEvidence {
        let contractId = try contract.requireID()
        let dashboard = try await ContractDashboard.load(contract: contract, today: day, on: database)

        // The programme's outcome.
        let progress = dashboard.progress
        var actions = [EvaluationEvidence.Line.count("Fiches actions", progress.total)]
        for status in ActionStatus.allCases {
            if let count = progress.countByStatus[status], count > 0 { actions.append(.count(status.label, count)) }
        }
        if progress.withoutStatusCount > 0 { actions.append(.count("Sans statut", progress.withoutStatusCount)) }
        actions.append(.count("En retard sur leur calendrier", progress.lateCount))
        let abandoned = try await Action.query(on: database).filter(\.$contract.$id == contractId).filter(\.$parentAction.$id == nil)
            .filter(\.$status == ActionStatus.abandoned.rawValue).sort(\.$title).all().map(\.title)

        // The ISTS coding of the programme.
        let coded = try await ISTSQueries.codedActions(contractIds: [contractId], on: database)
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: database)
        let report = ISTSReport.compute(coded, themes: themes)
        func share(_ count: Int, _ percent: Double) -> EvaluationEvidence.Cell {
            .init("\(FrenchFormat.integer(count)) (\(FrenchFormat.percent(percent)))", number: Double(count))
        }
        var ists = [EvaluationEvidence.Line.count("Fiches actions codées", report.actionCount),
                    .init("Agissant sur les conditions de vie (D2)", share(report.livingConditionsCount, report.livingConditionsShare)),
                    .init("Agissant sur le système de soins (D5)", share(report.careSystemCount, report.careSystemShare)),
                    .init("Mobilisant plusieurs secteurs (%)", .init(FrenchFormat.percent(report.intersectoralShare), number: report.intersectoralShare))]
        for line in report.approaches + report.aims + report.participation where line.count > 0 {
            ists.append(.init(line.label, share(line.count, line.percent)))
        }

        // RÉFLEX-ISS: each session's overall mean and how it moved.
        let sessions = try await ReflexSession.query(on: database).filter(\.$contractId == contractId).sort(\.$heldOn).sort(\.$createdAt).all()
        var scores: [UUID: [String: Int]] = [:]
        for rating in try await ReflexRating.query(on: database).filter(\.$contractId == contractId).all() {
            if let score = rating.score { scores[rating.$session.id, default: [:]][rating.elementCode] = score }
        }
        var reflexRows: [[EvaluationEvidence.Cell]] = []
        var previousMean: Double?
        for session in sessions where CalendarDay(parsing: session.heldOn).map({ $0 <= day }) ?? true {
            let summary = ReflexISSSummary(scores: scores[session.id!] ?? [:])
            let mean = summary.overallMean
            var change = EvaluationEvidence.Cell("—")
            if let mean, let previousMean {
                let difference = mean - previousMean
                change = .init((difference > 0 ? "+" : "") + FrenchFormat.number(difference, fractionDigits: 1), number: difference)
            }
            reflexRows.append([.init(CalendarDay(parsing: session.heldOn).map { FrenchFormat.date($0) } ?? session.heldOn), .init(session.participants),
                               mean.map { .init(FrenchFormat.number($0, fractionDigits: 1), number: $0) } ?? .init("—"), change])
            if mean != nil { previousMean = mean }
        }

        // Indicators against their targets; budgets planned against actual, by funder.
        func number(_ value: Double?) -> EvaluationEvidence.Cell { value.map { .init(FrenchFormat.number($0), number: $0) } ?? .init("—") }
        let indicatorRows: [[EvaluationEvidence.Cell]] = dashboard.indicators.map { indicator in
            [.init(indicator.name), .init(indicator.action), number(indicator.target), number(indicator.actual),
             .init(indicator.reachesTarget.map { $0 ? "Atteinte" : "Non atteinte" } ?? "Non renseignée")]
        }
        let budgetRows: [[EvaluationEvidence.Cell]] = dashboard.budgetByFunder.map { line in
            [.init(line.funder.isEmpty ? "Financeur non précisé" : line.funder), .init(FrenchFormat.euros(line.planned), number: line.planned),
             .init(FrenchFormat.euros(line.actual), number: line.actual),
             line.planned > 0 ? .init(FrenchFormat.percent(100 * line.actual / line.planned), number: 100 * line.actual / line.planned) : .init("—")]
        }

        // Governance: meetings held, attendance, inhabitants, decisions followed up.
        let meetings = try await Meeting.query(on: database).filter(\.$contractId == contractId).all()
            .filter { CalendarDay(parsing: $0.heldOn).map { $0 <= day } ?? false }
        let held = meetings.filter { $0.status != Meeting.Status.cancelled.rawValue }
        let heldIds = Set(held.compactMap(\.id))
        let attendance = try await MeetingAttendance.query(on: database).filter(\.$contractId == contractId).filter(\.$present == true).all()
            .filter { heldIds.contains($0.$meeting.id) }
        let decisions = try await Decision.query(on: database).filter(\.$contractId == contractId).all()
        let withAttendance = Set(attendance.map { $0.$meeting.id }).count
        var governance = [EvaluationEvidence.Line.count("Réunions tenues", held.count),
                          .count("Dont avec compte rendu", held.filter(\.hasMinutes).count),
                          .count("Présences enregistrées", attendance.count),
                          .count("Habitants présents", attendance.filter(\.isInhabitant).count)]
        if withAttendance > 0 {
            let mean = Double(attendance.count) / Double(withAttendance)
            governance.append(.init("Présents par réunion (en moyenne)", .init(FrenchFormat.number(mean, fractionDigits: 1), number: mean)))
        }
        governance += [.count("Décisions prises", decisions.count),
                       .count("Décisions suivies d'effet", decisions.filter { $0.status == Decision.Status.done.rawValue }.count),
                       .count("Décisions encore ouvertes", dashboard.openDecisions),
                       .count("Dont en retard", dashboard.overdueDecisions)]

        return EvaluationEvidence(
            day: FrenchFormat.date(day), actions: actions, lateActions: dashboard.lateActions.map(\.title), abandonedActions: abandoned,
            ists: ists,
            reflex: .init(title: "Séances RÉFLEX-ISS", header: ["Séance", "Participants", "Moyenne (0 à 4)", "Évolution"], rows: reflexRows),
            indicators: .init(title: "Indicateurs au regard de leur cible (\(dashboard.indicatorYear))",
                              header: ["Indicateur", "Fiche action", "Cible", "Réalisé", "Appréciation"], rows: indicatorRows),
            budgets: .init(title: "Budgets prévus et réalisés, par financeur", header: ["Financeur", "Prévu", "Réalisé", "Taux de réalisation"],
                           rows: budgetRows),
            governance: governance)
    }
}
