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
        var actions = [EvaluationEvidence.Line("Fiches actions", FrenchFormat.integer(progress.total))]
        for status in ActionStatus.allCases {
            if let count = progress.countByStatus[status], count > 0 { actions.append(.init(status.label, FrenchFormat.integer(count))) }
        }
        if progress.withoutStatusCount > 0 { actions.append(.init("Sans statut", FrenchFormat.integer(progress.withoutStatusCount))) }
        actions.append(.init("En retard sur leur calendrier", FrenchFormat.integer(progress.lateCount)))
        let abandoned = try await Action.query(on: database).filter(\.$contract.$id == contractId).filter(\.$parentAction.$id == nil)
            .filter(\.$status == ActionStatus.abandoned.rawValue).sort(\.$title).all().map(\.title)

        // The ISTS coding of the programme.
        let coded = try await ISTSQueries.codedActions(contractIds: [contractId], on: database)
        let themes = try await RegionalTheme.catalogue(regionCode: contract.regionCode, on: database)
        let report = ISTSReport.compute(coded, themes: themes)
        func share(_ count: Int, _ percent: Double) -> String { "\(FrenchFormat.integer(count)) (\(FrenchFormat.percent(percent)))" }
        var ists = [EvaluationEvidence.Line("Fiches actions codées", FrenchFormat.integer(report.actionCount)),
                    .init("Agissant sur les conditions de vie (D2)", share(report.livingConditionsCount, report.livingConditionsShare)),
                    .init("Agissant sur le système de soins (D5)", share(report.careSystemCount, report.careSystemShare)),
                    .init("Intersectorielles", FrenchFormat.percent(report.intersectoralShare))]
        for line in report.approaches + report.aims + report.participation where line.count > 0 {
            ists.append(.init(line.label, share(line.count, line.percent)))
        }

        // RÉFLEX-ISS: each session's overall mean and how it moved.
        let sessions = try await ReflexSession.query(on: database).filter(\.$contractId == contractId).sort(\.$heldOn).sort(\.$createdAt).all()
        var scores: [UUID: [String: Int]] = [:]
        for rating in try await ReflexRating.query(on: database).filter(\.$contractId == contractId).all() {
            if let score = rating.score { scores[rating.$session.id, default: [:]][rating.elementCode] = score }
        }
        var reflexRows: [[String]] = []
        var previousMean: Double?
        for session in sessions where CalendarDay(parsing: session.heldOn).map({ $0 <= day }) ?? true {
            let summary = ReflexISSSummary(scores: scores[session.id!] ?? [:])
            let mean = summary.overallMean
            var change = "—"
            if let mean, let previousMean {
                let difference = mean - previousMean
                change = (difference > 0 ? "+" : "") + FrenchFormat.number(difference, fractionDigits: 1)
            }
            reflexRows.append([CalendarDay(parsing: session.heldOn).map { FrenchFormat.date($0) } ?? session.heldOn, session.participants,
                               mean.map { FrenchFormat.number($0, fractionDigits: 1) } ?? "—", change])
            if mean != nil { previousMean = mean }
        }

        // Indicators against their targets; budgets planned against actual, by funder.
        let indicatorRows = dashboard.indicators.map { indicator in
            [indicator.name, indicator.action, indicator.target.map { FrenchFormat.number($0) } ?? "—",
             indicator.actual.map { FrenchFormat.number($0) } ?? "—",
             indicator.reachesTarget.map { $0 ? "Atteinte" : "Non atteinte" } ?? "Non renseignée"]
        }
        let budgetRows = dashboard.budgetByFunder.map { line in
            [line.funder.isEmpty ? "Financeur non précisé" : line.funder, FrenchFormat.euros(line.planned), FrenchFormat.euros(line.actual),
             line.planned > 0 ? FrenchFormat.percent(100 * line.actual / line.planned) : "—"]
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
        var governance = [EvaluationEvidence.Line("Réunions tenues", FrenchFormat.integer(held.count)),
                          .init("Dont avec compte rendu", FrenchFormat.integer(held.filter(\.hasMinutes).count)),
                          .init("Présences enregistrées", FrenchFormat.integer(attendance.count)),
                          .init("Habitants présents", FrenchFormat.integer(attendance.filter(\.isInhabitant).count))]
        if withAttendance > 0 {
            governance.append(.init("Présents par réunion (en moyenne)", FrenchFormat.number(Double(attendance.count) / Double(withAttendance), fractionDigits: 1)))
        }
        governance += [.init("Décisions prises", FrenchFormat.integer(decisions.count)),
                       .init("Décisions suivies d'effet", FrenchFormat.integer(decisions.filter { $0.status == Decision.Status.done.rawValue }.count)),
                       .init("Décisions encore ouvertes", FrenchFormat.integer(dashboard.openDecisions)),
                       .init("Dont en retard", FrenchFormat.integer(dashboard.overdueDecisions))]

        return EvaluationEvidence(
            day: FrenchFormat.date(day), actions: actions, lateActions: dashboard.lateActions.map(\.title), abandonedActions: abandoned,
            ists: ists,
            reflex: .init(title: "Séances RÉFLEX-ISS", header: ["Séance", "Participants", "Moyenne (0 à 4)", "Évolution"], rows: reflexRows),
            indicators: .init(title: "Indicateurs au regard de leur cible (\(dashboard.indicatorYear))",
                              header: ["Indicateur", "Fiche action", "Cible", "Réalisé", "Cible"], rows: indicatorRows),
            budgets: .init(title: "Budgets prévus et réalisés, par financeur", header: ["Financeur", "Prévu", "Réalisé", "Taux de réalisation"],
                           rows: budgetRows),
            governance: governance)
    }
}
