import XCTest
@testable import CLSCore

final class GovernanceAlertRulesTests: XCTestCase {
    func d(_ text: String) -> CalendarDay { CalendarDay(parsing: text)! }

    func meeting(_ kind: GovernanceBodyKind, _ date: String, minutes: Bool = true, cancelled: Bool = false) -> GovernanceFacts.Meeting {
        (bodyKind: kind, date: d(date), hasMinutes: minutes, isCancelled: cancelled)
    }

    func kinds(_ alerts: [GovernanceAlert]) -> [GovernanceAlertKind] { alerts.map(\.kind) }

    // MARK: - Calendar arithmetic

    func testDaysAndMonthsAreCountedOnCalendarDays() {
        XCTAssertEqual(CalendarArithmetic.dayNumber(d("1970-01-01")), 0)
        XCTAssertEqual(CalendarArithmetic.dayNumber(d("2000-03-01")), 11_017)
        XCTAssertEqual(CalendarArithmetic.days(from: d("2025-03-01"), to: d("2025-03-31")), 30)
        XCTAssertEqual(CalendarArithmetic.days(from: d("2024-02-28"), to: d("2024-03-01")), 2, "leap year")
        XCTAssertEqual(CalendarArithmetic.days(from: d("2100-02-28"), to: d("2100-03-01")), 1, "2100 is not a leap year")
        XCTAssertEqual(CalendarArithmetic.days(from: d("2025-03-31"), to: d("2025-03-01")), -30)
        XCTAssertEqual(CalendarArithmetic.adding(days: 1, to: d("2024-12-31")), d("2025-01-01"))
        XCTAssertEqual(CalendarArithmetic.adding(days: -1, to: d("2000-03-01")), d("2000-02-29"))
        XCTAssertNil(CalendarArithmetic.adding(days: 1, to: d("9999-12-31")))
        var day = d("1999-11-01")
        for _ in 0..<2000 { // round trip, day by day, across 2000 and several leap days
            let next = CalendarArithmetic.day(number: CalendarArithmetic.dayNumber(day) + 1)!
            XCTAssertEqual(CalendarArithmetic.days(from: day, to: next), 1)
            XCTAssertLessThan(day, next)
            day = next
        }
        XCTAssertEqual(day, d("2005-04-23"))

        XCTAssertEqual(CalendarArithmetic.adding(months: 3, to: d("2025-01-17")), d("2025-04-17"))
        XCTAssertEqual(CalendarArithmetic.adding(months: 1, to: d("2025-01-31")), d("2025-02-28"), "clamped")
        XCTAssertEqual(CalendarArithmetic.adding(months: 1, to: d("2024-01-31")), d("2024-02-29"))
        XCTAssertEqual(CalendarArithmetic.adding(months: 12, to: d("2024-02-29")), d("2025-02-28"))
        XCTAssertEqual(CalendarArithmetic.adding(months: -2, to: d("2025-01-15")), d("2024-11-15"))
        XCTAssertNil(CalendarArithmetic.adding(months: 1, to: d("9999-12-01")))

        XCTAssertEqual(CalendarArithmetic.fullMonths(from: d("2024-03-15"), to: d("2025-03-15")), 12)
        XCTAssertEqual(CalendarArithmetic.fullMonths(from: d("2024-03-15"), to: d("2025-03-14")), 11)
        XCTAssertEqual(CalendarArithmetic.fullMonths(from: d("2025-01-31"), to: d("2025-02-28")), 1)
        XCTAssertEqual(CalendarArithmetic.fullMonths(from: d("2025-01-31"), to: d("2025-02-27")), 0)
        XCTAssertEqual(CalendarArithmetic.fullMonths(from: d("2025-03-15"), to: d("2025-03-15")), 0)
        XCTAssertEqual(CalendarArithmetic.fullMonths(from: d("2025-06-20"), to: d("2025-01-15")), -5)
    }

    func testBodyKindsHaveFrenchLabelsAndStableCodes() {
        XCTAssertEqual(GovernanceBodyKind.allCases.map(\.rawValue), [
            "copil", "cotech", "groupe_travail", "comite_partenaires", "commission_sante", "copil_departemental", "copil_regional",
        ])
        XCTAssertEqual(GovernanceBodyKind.allCases.map(\.label), [
            "Comité de pilotage (COPIL)", "Comité technique (COTECH)", "Groupe de travail", "Comité des partenaires",
            "Commission santé", "COPIL départemental", "COPIL régional",
        ])
        XCTAssertEqual(GovernanceFacts.runningStates, [.signe, .miseEnOeuvre, .evaluation])
        XCTAssertFalse(GovernanceFacts.isRunning(.elaboration))
    }

    // MARK: - First COPIL

    func testNoCopilThreeMonthsAfterSignatureWarnsThenTurnsCriticalAfterSix() {
        let facts = GovernanceFacts(isRunning: true, signedOn: d("2025-01-17"), meetings: [meeting(.cotech, "2025-02-10")])
        XCTAssertNil(GovernanceAlertRules.slowFirstCopil(facts, today: d("2025-04-17")), "exactly 3 months: still in time")
        let warning = GovernanceAlertRules.slowFirstCopil(facts, today: d("2025-04-18"))
        XCTAssertEqual(warning, GovernanceAlert(
            kind: .slowFirstCopil, severity: .warning, title: "Aucun COPIL depuis la signature",
            detail: "Contrat signé le 17 janvier 2025, il y a 3 mois, et aucun COPIL ne s'est encore réuni : le premier COPIL devrait se tenir dans les 3 mois qui suivent la signature."))
        XCTAssertEqual(GovernanceAlertRules.slowFirstCopil(facts, today: d("2025-07-17"))?.severity, .warning, "exactly 6 months")
        let critical = GovernanceAlertRules.slowFirstCopil(facts, today: d("2025-07-18"))
        XCTAssertEqual(critical?.severity, .critical)
        XCTAssertTrue(critical!.detail.contains("il y a 6 mois"))
    }

    func testOnlyAHeldCopilOfTheContractSinceSignatureCounts() {
        let signed = d("2025-01-17")
        let today = d("2025-05-01")
        let notCounted: [GovernanceFacts.Meeting] = [
            meeting(.copil, "2025-02-10", cancelled: true),
            meeting(.copil, "2025-05-20"), // planned, not yet held
            meeting(.copil, "2024-11-05"), // préfiguration, before signature
            meeting(.departmentalCopil, "2025-03-01"),
            meeting(.cotech, "2025-02-01"),
        ]
        let facts = GovernanceFacts(isRunning: true, signedOn: signed, meetings: notCounted)
        XCTAssertEqual(GovernanceAlertRules.slowFirstCopil(facts, today: today)?.title, "Aucun COPIL depuis la signature")
        XCTAssertNil(GovernanceAlertRules.noRecentCopil(facts, today: today))

        let held = GovernanceFacts(isRunning: true, signedOn: signed, meetings: notCounted + [meeting(.copil, "2025-03-03")])
        XCTAssertNil(GovernanceAlertRules.slowFirstCopil(held, today: today))
        XCTAssertNil(GovernanceAlertRules.slowFirstCopil(GovernanceFacts(isRunning: false, signedOn: signed), today: today), "not running")
        XCTAssertNil(GovernanceAlertRules.slowFirstCopil(GovernanceFacts(isRunning: true, signedOn: nil), today: today), "not signed")
    }

    func testAFirstCopilHeldMoreThanThreeMonthsAfterSignatureIsReported() {
        // Belle-Île: five months, judged too long.
        let late = GovernanceFacts(isRunning: true, signedOn: d("2024-01-15"), meetings: [meeting(.copil, "2024-06-20"), meeting(.copil, "2025-01-10")])
        XCTAssertEqual(GovernanceAlertRules.slowFirstCopil(late, today: d("2025-03-01")), GovernanceAlert(
            kind: .slowFirstCopil, severity: .warning, title: "Premier COPIL tenu 5 mois après la signature",
            detail: "Contrat signé le 15 janvier 2024, premier COPIL le 20 juin 2024 : le premier COPIL devrait se réunir dans les 3 mois qui suivent la signature."))

        let onTime = GovernanceFacts(isRunning: true, signedOn: d("2024-01-15"), meetings: [meeting(.copil, "2024-04-15")])
        XCTAssertNil(GovernanceAlertRules.slowFirstCopil(onTime, today: d("2025-03-01")), "exactly 3 months")
        let dayLate = GovernanceFacts(isRunning: true, signedOn: d("2024-01-15"), meetings: [meeting(.copil, "2024-04-16")])
        XCTAssertEqual(GovernanceAlertRules.slowFirstCopil(dayLate, today: d("2025-03-01"))?.title, "Premier COPIL tenu 3 mois après la signature")
    }

    // MARK: - Yearly COPIL

    func testNoCopilForMoreThanTwelveMonthsIsCritical() {
        let meetings = [meeting(.copil, "2022-03-01"), meeting(.copil, "2024-03-15"), meeting(.copil, "2024-12-01", cancelled: true),
                        meeting(.copil, "2025-04-01"), meeting(.regionalCopil, "2025-01-10")]
        let facts = GovernanceFacts(isRunning: true, signedOn: d("2022-01-10"), meetings: meetings)
        XCTAssertNil(GovernanceAlertRules.noRecentCopil(facts, today: d("2025-03-15")), "exactly 12 months: still in time")
        XCTAssertEqual(GovernanceAlertRules.noRecentCopil(facts, today: d("2025-03-16")), GovernanceAlert(
            kind: .noRecentCopil, severity: .critical, title: "Pas de COPIL depuis plus de 12 mois",
            detail: "Le dernier COPIL s'est réuni le 15 mars 2024, il y a 12 mois : le COPIL doit se réunir au moins une fois par an pour examiner le bilan de l'année écoulée."))
        XCTAssertNil(GovernanceAlertRules.noRecentCopil(facts, today: d("2025-04-01")), "the planned COPIL has now been held")
        XCTAssertNil(GovernanceAlertRules.noRecentCopil(GovernanceFacts(isRunning: false, signedOn: d("2022-01-10"), meetings: meetings), today: d("2025-03-16")))
    }

    // MARK: - Minutes

    func testMeetingsHeldMoreThanThirtyDaysAgoWithoutMinutesAreListed() {
        let facts = GovernanceFacts(isRunning: true, meetings: [
            meeting(.copil, "2025-03-01", minutes: false),          // exactly 30 days: still in time
            meeting(.copil, "2025-02-28", minutes: false),          // 31 days
            meeting(.workingGroup, "2025-01-20", minutes: false),
            meeting(.cotech, "2025-01-10", minutes: false, cancelled: true),
            meeting(.cotech, "2025-01-05", minutes: true),
            meeting(.healthCommission, "2025-04-15", minutes: false), // future
        ])
        XCTAssertEqual(GovernanceAlertRules.minutesMissing(facts, today: d("2025-03-31")), GovernanceAlert(
            kind: .minutesMissing, severity: .warning, title: "2 réunions sans compte rendu",
            detail: "Réunions tenues il y a plus de 30 jours sans compte rendu : Groupe de travail du 20 janvier 2025, COPIL du 28 février 2025."))

        let one = GovernanceFacts(isRunning: false, meetings: [meeting(.cotech, "2025-01-01", minutes: false)])
        XCTAssertEqual(GovernanceAlertRules.minutesMissing(one, today: d("2025-03-31")), GovernanceAlert(
            kind: .minutesMissing, severity: .warning, title: "1 réunion sans compte rendu",
            detail: "Réunion tenue il y a plus de 30 jours sans compte rendu : COTECH du 1er janvier 2025."), "applies in every state")
        XCTAssertNil(GovernanceAlertRules.minutesMissing(one, today: d("2025-01-31")), "30 days")
    }

    // MARK: - Decisions

    func testOpenDecisionsPastTheirDueDateAreOverdue() {
        let facts = GovernanceFacts(isRunning: true, decisions: [
            (dueOn: d("2025-05-31"), isOpen: true),
            (dueOn: d("2025-06-01"), isOpen: true),   // due today: not yet late
            (dueOn: d("2025-01-01"), isOpen: false),  // done
            (dueOn: nil, isOpen: true),
            (dueOn: d("2025-02-01"), isOpen: true),
        ])
        XCTAssertEqual(GovernanceAlertRules.overdueDecisions(facts, today: d("2025-06-01")), GovernanceAlert(
            kind: .overdueDecisions, severity: .warning, title: "2 décisions en retard",
            detail: "2 décisions de réunion ne sont pas réalisées alors que leur échéance est passée ; la plus ancienne était attendue le 1er février 2025."))
        XCTAssertEqual(GovernanceAlertRules.overdueDecisions(facts, today: d("2025-05-31"))?.title, "1 décision en retard")
        XCTAssertNil(GovernanceAlertRules.overdueDecisions(facts, today: d("2025-02-01")))
    }

    // MARK: - Coordinator post

    func testARunningContractWithoutACoordinatorPostCoveringTodayIsCritical() {
        let today = d("2025-06-01")
        XCTAssertEqual(GovernanceAlertRules.vacantPost(GovernanceFacts(isRunning: true), today: today), GovernanceAlert(
            kind: .vacantPost, severity: .critical, title: "Poste de coordination vacant",
            detail: "Aucun poste de coordination n'est enregistré pour ce contrat."))

        let ended = GovernanceFacts(isRunning: true, posts: [
            (startsOn: d("2021-09-01"), endsOn: d("2023-08-31"), fte: 1),
            (startsOn: d("2023-09-01"), endsOn: d("2025-05-31"), fte: 0.8),
            (startsOn: d("2025-09-01"), endsOn: nil, fte: 1),
        ])
        XCTAssertEqual(GovernanceAlertRules.vacantPost(ended, today: today), GovernanceAlert(
            kind: .vacantPost, severity: .critical, title: "Poste de coordination vacant",
            detail: "Le dernier poste de coordination a pris fin le 31 mai 2025. Un poste commence le 1er septembre 2025."))
        XCTAssertNil(GovernanceAlertRules.vacantPost(ended, today: d("2025-09-01")), "the new post starts today")
        XCTAssertNil(GovernanceAlertRules.vacantPost(GovernanceFacts(isRunning: false), today: today), "not running")
        XCTAssertNil(GovernanceAlertRules.vacantPost(GovernanceFacts(isRunning: true, posts: [(startsOn: d("2022-01-01"), endsOn: nil, fte: 1)]), today: today))
    }

    func testAPostEndingWithinSixtyDaysWithoutSuccessorIsAnnounced() {
        let today = d("2025-06-01")
        func facts(_ posts: [GovernanceFacts.CoordinatorPost]) -> GovernanceFacts { GovernanceFacts(isRunning: true, posts: posts) }

        XCTAssertEqual(GovernanceAlertRules.vacantPost(facts([(startsOn: d("2023-09-01"), endsOn: today, fte: 0.8)]), today: today), GovernanceAlert(
            kind: .vacantPost, severity: .warning, title: "Poste de coordination vacant dans 1 jour",
            detail: "Le poste de coordination (0,8 ETP) prend fin le 1er juin 2025 et aucun poste ne lui succède : poste vacant dans 1 jour."),
            "a post ending today still covers today")
        XCTAssertEqual(GovernanceAlertRules.vacantPost(facts([(startsOn: d("2023-09-01"), endsOn: d("2025-07-30"), fte: 1)]), today: today)?.title,
                       "Poste de coordination vacant dans 60 jours")
        XCTAssertNil(GovernanceAlertRules.vacantPost(facts([(startsOn: d("2023-09-01"), endsOn: d("2025-07-31"), fte: 1)]), today: today), "61 days")

        let successor = facts([(startsOn: d("2023-09-01"), endsOn: d("2025-06-30"), fte: 1), (startsOn: d("2025-07-01"), endsOn: nil, fte: 1)])
        XCTAssertNil(GovernanceAlertRules.vacantPost(successor, today: today), "a successor starts the next day")
        let gap = facts([(startsOn: d("2023-09-01"), endsOn: d("2025-06-30"), fte: 1), (startsOn: d("2025-07-10"), endsOn: nil, fte: 1)])
        XCTAssertEqual(GovernanceAlertRules.vacantPost(gap, today: today)?.title, "Poste de coordination vacant dans 30 jours")
        let chain = facts([(startsOn: d("2023-09-01"), endsOn: d("2025-06-10"), fte: 1), (startsOn: d("2025-06-11"), endsOn: d("2025-06-20"), fte: 0.5)])
        XCTAssertEqual(GovernanceAlertRules.vacantPost(chain, today: today)?.detail,
                       "Le poste de coordination (1 ETP) prend fin le 20 juin 2025 et aucun poste ne lui succède : poste vacant dans 20 jours.")
    }

    // MARK: - Programme

    func testLateActionsAndIndicatorsWithoutLastYearsValue() {
        let today = d("2025-03-01")
        XCTAssertNil(GovernanceAlertRules.lateActions(GovernanceFacts(isRunning: true, lateActions: 0)))
        XCTAssertEqual(GovernanceAlertRules.lateActions(GovernanceFacts(isRunning: true, lateActions: 1))?.title, "1 action en retard")
        XCTAssertEqual(GovernanceAlertRules.lateActions(GovernanceFacts(isRunning: true, lateActions: 4)), GovernanceAlert(
            kind: .lateActions, severity: .warning, title: "4 actions en retard",
            detail: "4 fiches actions ont dépassé leur date de fin prévue ou sont marquées « En retard »."))
        XCTAssertNil(GovernanceAlertRules.lateActions(GovernanceFacts(isRunning: false, lateActions: 4)))

        XCTAssertNil(GovernanceAlertRules.indicatorsWithoutValue(GovernanceFacts(isRunning: true), today: today))
        XCTAssertEqual(GovernanceAlertRules.indicatorsWithoutValue(GovernanceFacts(isRunning: true, indicatorsWithoutLastYearValue: 3), today: today), GovernanceAlert(
            kind: .indicatorsWithoutValue, severity: .warning, title: "3 indicateurs sans valeur pour 2024",
            detail: "3 indicateurs n'ont pas de valeur réalisée pour 2024 : demandez-la aux pilotes avant le bilan annuel."))
        XCTAssertEqual(GovernanceAlertRules.indicatorsWithoutValue(GovernanceFacts(isRunning: true, indicatorsWithoutLastYearValue: 1), today: today)?.title,
                       "1 indicateur sans valeur pour 2024")
    }

    // MARK: - All together

    func testAlertsAreSortedBySeverityThenKindAndDeterministic() {
        let today = d("2025-06-01")
        let meetings = [meeting(.copil, "2023-03-10"), meeting(.copil, "2024-04-02", minutes: false), meeting(.cotech, "2025-05-20", minutes: false)]
        let decisions: [GovernanceFacts.Decision] = [(dueOn: d("2025-01-15"), isOpen: true)]
        let posts: [GovernanceFacts.CoordinatorPost] = [(startsOn: d("2022-01-01"), endsOn: d("2025-04-30"), fte: 1)]
        let facts = GovernanceFacts(isRunning: true, signedOn: d("2022-12-15"), meetings: meetings, decisions: decisions,
                                    posts: posts, lateActions: 2, indicatorsWithoutLastYearValue: 5)
        let alerts = GovernanceAlertRules.alerts(facts, today: today)
        XCTAssertEqual(kinds(alerts), [.noRecentCopil, .vacantPost, .minutesMissing, .overdueDecisions, .lateActions, .indicatorsWithoutValue])
        XCTAssertEqual(alerts.map(\.severity), [.critical, .critical, .warning, .warning, .warning, .warning])
        XCTAssertEqual(alerts[2].title, "1 réunion sans compte rendu", "the COTECH of 20 May is recent")

        let shuffled = GovernanceFacts(isRunning: true, signedOn: d("2022-12-15"), meetings: meetings.reversed(), decisions: decisions,
                                       posts: posts, lateActions: 2, indicatorsWithoutLastYearValue: 5)
        XCTAssertEqual(GovernanceAlertRules.alerts(shuffled, today: today), alerts)

        // Eight months after signature without a COPIL: critical, so first.
        let young = GovernanceFacts(isRunning: true, signedOn: d("2024-10-01"), meetings: [meeting(.cotech, "2024-11-02", minutes: false)],
                                    posts: [(startsOn: d("2024-09-01"), endsOn: nil, fte: 1)])
        XCTAssertEqual(kinds(GovernanceAlertRules.alerts(young, today: today)), [.slowFirstCopil, .minutesMissing])
        XCTAssertEqual(GovernanceAlertRules.alerts(young, today: today).first?.severity, .critical)
        XCTAssertEqual(GovernanceAlertRules.alerts(GovernanceFacts(isRunning: true, posts: posts.map { ($0.startsOn, nil, $0.fte) }), today: today), [])
        XCTAssertEqual(GovernanceAlertSeverity.allCases.sorted(), [.critical, .warning])
    }
}
