/// The governance alerts of a contract (DOMAIN.md §3 "Useful alerts"), computed from dated facts
/// and an explicit `today`. Pure and deterministic: same facts, same day, same alerts.
///
/// Months are calendar months (`CalendarArithmetic`): "3 months after 17 February" is 17 May, and
/// a deadline day itself is still on time. Days are counted between calendar days (the next day
/// is 1 day later).
///
/// | Rule | Applies | Severity |
/// |---|---|---|
/// | `slowFirstCopil` | running, signed | warning after 3 months without COPIL, critical after 6; warning when the first COPIL was held more than 3 months after signature |
/// | `noRecentCopil` | running, signed, a COPIL held since | critical when the last one is more than 12 months old |
/// | `minutesMissing` | always | warning: meetings held more than 30 days ago without minutes |
/// | `overdueDecisions` | always | warning: open decisions due before today |
/// | `vacantPost` | running | critical when no post covers today; warning when the coverage stops within 60 days |
/// | `lateActions` | running | warning when any |
/// | `indicatorsWithoutValue` | running | warning when any, for today's year − 1 |
public enum GovernanceAlertRules {
    /// The first COPIL should meet within this many months of the signature.
    public static let firstCopilMonths = 3
    /// Without a first COPIL this many months after signature, the alert turns critical.
    public static let firstCopilCriticalMonths = 6
    /// The COPIL meets at least once a year to review the year before.
    public static let copilIntervalMonths = 12
    /// Minutes are expected within this many days of a meeting.
    public static let minutesDelayDays = 30
    /// A coordinator vacancy is announced this many days ahead.
    public static let vacancyNoticeDays = 60

    /// Every alert that applies on `today`, critical first, then in `GovernanceAlertKind` order.
    public static func alerts(_ facts: GovernanceFacts, today: CalendarDay) -> [GovernanceAlert] {
        let alerts = [
            slowFirstCopil(facts, today: today),
            noRecentCopil(facts, today: today),
            minutesMissing(facts, today: today),
            overdueDecisions(facts, today: today),
            vacantPost(facts, today: today),
            lateActions(facts),
            indicatorsWithoutValue(facts, today: today),
        ].compactMap { $0 }
        let order = Dictionary(uniqueKeysWithValues: GovernanceAlertKind.allCases.enumerated().map { ($1, $0) })
        return alerts.sorted { ($0.severity, order[$0.kind]!) < ($1.severity, order[$1.kind]!) }
    }

    // MARK: - COPIL

    /// The COPIL meetings held on or after the signature and on or before today, in date order.
    /// Only the contract's own COPIL counts (not a departmental or regional one); a COPIL held
    /// before the signature (préfiguration) does not start the implementation.
    static func copilsSinceSignature(_ facts: GovernanceFacts, signedOn: CalendarDay, today: CalendarDay) -> [CalendarDay] {
        facts.meetings
            .filter { $0.bodyKind == .copil && !$0.isCancelled && $0.date >= signedOn && $0.date <= today }
            .map(\.date)
            .sorted()
    }

    /// No COPIL more than 3 months after signature (critical after 6), or a first COPIL held
    /// more than 3 months after signature.
    public static func slowFirstCopil(_ facts: GovernanceFacts, today: CalendarDay) -> GovernanceAlert? {
        guard facts.isRunning, let signedOn = facts.signedOn, signedOn <= today,
              let deadline = CalendarArithmetic.adding(months: firstCopilMonths, to: signedOn) else { return nil }
        let signed = FrenchFormat.date(signedOn)
        if let first = copilsSinceSignature(facts, signedOn: signedOn, today: today).first {
            guard first > deadline else { return nil }
            let months = CalendarArithmetic.fullMonths(from: signedOn, to: first)
            return GovernanceAlert(
                kind: .slowFirstCopil, severity: .warning,
                title: "Premier COPIL tenu \(months) mois après la signature",
                detail: "Contrat signé le \(signed), premier COPIL le \(FrenchFormat.date(first)) : le premier COPIL devrait se réunir dans les \(firstCopilMonths) mois qui suivent la signature."
            )
        }
        guard today > deadline else { return nil }
        let months = CalendarArithmetic.fullMonths(from: signedOn, to: today)
        let critical = CalendarArithmetic.adding(months: firstCopilCriticalMonths, to: signedOn).map { today > $0 } ?? false
        return GovernanceAlert(
            kind: .slowFirstCopil, severity: critical ? .critical : .warning,
            title: "Aucun COPIL depuis la signature",
            detail: "Contrat signé le \(signed), il y a \(months) mois, et aucun COPIL ne s'est encore réuni : le premier COPIL devrait se tenir dans les \(firstCopilMonths) mois qui suivent la signature."
        )
    }

    /// A COPIL has met since signature, but none in the last 12 months: the last one is more
    /// than 12 calendar months before today (a COPIL exactly 12 months ago is still in time).
    public static func noRecentCopil(_ facts: GovernanceFacts, today: CalendarDay) -> GovernanceAlert? {
        guard facts.isRunning, let signedOn = facts.signedOn,
              let last = copilsSinceSignature(facts, signedOn: signedOn, today: today).last,
              let anniversary = CalendarArithmetic.adding(months: copilIntervalMonths, to: last),
              today > anniversary else { return nil }
        let months = CalendarArithmetic.fullMonths(from: last, to: today)
        return GovernanceAlert(
            kind: .noRecentCopil, severity: .critical,
            title: "Pas de COPIL depuis plus de \(copilIntervalMonths) mois",
            detail: "Le dernier COPIL s'est réuni le \(FrenchFormat.date(last)), il y a \(months) mois : le COPIL doit se réunir au moins une fois par an pour examiner le bilan de l'année écoulée."
        )
    }

    // MARK: - Meetings and decisions

    /// Meetings of any body, held more than 30 days ago (31 days or more), without minutes.
    public static func minutesMissing(_ facts: GovernanceFacts, today: CalendarDay) -> GovernanceAlert? {
        let kindOrder = Dictionary(uniqueKeysWithValues: GovernanceBodyKind.allCases.enumerated().map { ($1, $0) })
        let missing = facts.meetings
            .filter { !$0.isCancelled && !$0.hasMinutes && CalendarArithmetic.days(from: $0.date, to: today) > minutesDelayDays }
            .sorted { ($0.date, kindOrder[$0.bodyKind]!) < ($1.date, kindOrder[$1.bodyKind]!) }
        guard !missing.isEmpty else { return nil }
        let list = missing.map { "\($0.bodyKind.shortLabel) du \(FrenchFormat.date($0.date))" }.joined(separator: ", ")
        let count = FrenchFormat.count(missing.count, singular: "réunion", plural: "réunions")
        return GovernanceAlert(
            kind: .minutesMissing, severity: .warning,
            title: "\(count) sans compte rendu",
            detail: (missing.count == 1 ? "Réunion tenue" : "Réunions tenues")
                + " il y a plus de \(minutesDelayDays) jours sans compte rendu : \(list)."
        )
    }

    /// Open decisions whose due date is before today.
    public static func overdueDecisions(_ facts: GovernanceFacts, today: CalendarDay) -> GovernanceAlert? {
        let overdue = facts.decisions.compactMap { decision -> CalendarDay? in
            guard decision.isOpen, let due = decision.dueOn, due < today else { return nil }
            return due
        }.sorted()
        guard let oldest = overdue.first else { return nil }
        let n = overdue.count
        return GovernanceAlert(
            kind: .overdueDecisions, severity: .warning,
            title: "\(FrenchFormat.count(n, singular: "décision", plural: "décisions")) en retard",
            detail: n == 1
                ? "Une décision de réunion n'est pas réalisée alors que son échéance était le \(FrenchFormat.date(oldest))."
                : "\(FrenchFormat.integer(n)) décisions de réunion ne sont pas réalisées alors que leur échéance est passée ; la plus ancienne était attendue le \(FrenchFormat.date(oldest))."
        )
    }

    // MARK: - Coordinator post

    /// No coordinator post covers today (critical), or the posts covering today — with those
    /// that follow them without a gap — all end so that the post is vacant within 60 days
    /// (warning; a post ending today leaves it vacant in 1 day). A post covers a day when it
    /// started on or before it and has not ended before it.
    public static func vacantPost(_ facts: GovernanceFacts, today: CalendarDay) -> GovernanceAlert? {
        guard facts.isRunning else { return nil }
        let covering = facts.posts.filter { $0.startsOn <= today && ($0.endsOn.map { $0 >= today } ?? true) }
        guard !covering.isEmpty else {
            var detail = "Aucun poste de coordination ne couvre la date du jour."
            if facts.posts.isEmpty {
                detail = "Aucun poste de coordination n'est enregistré pour ce contrat."
            } else if let lastEnd = facts.posts.compactMap(\.endsOn).filter({ $0 < today }).max() {
                detail = "Le dernier poste de coordination a pris fin le \(FrenchFormat.date(lastEnd))."
            }
            if let next = facts.posts.map(\.startsOn).filter({ $0 > today }).min() {
                detail += " Un poste commence le \(FrenchFormat.date(next))."
            }
            return GovernanceAlert(kind: .vacantPost, severity: .critical, title: "Poste de coordination vacant", detail: detail)
        }
        // The last day covered without interruption, following successor posts; nil when open-ended.
        var coveredUntil = covering.map { $0.endsOn }.reduce(Optional(today)) { end, post in
            guard let end, let post else { return nil }
            return max(end, post)
        }
        var extended = true
        while extended, let end = coveredUntil {
            extended = false
            for post in facts.posts where post.startsOn > today && CalendarArithmetic.days(from: end, to: post.startsOn) <= 1 {
                guard let postEnd = post.endsOn else { coveredUntil = nil; break }
                if postEnd > end { coveredUntil = postEnd; extended = true }
            }
        }
        guard let end = coveredUntil else { return nil }
        let vacantIn = CalendarArithmetic.days(from: today, to: end) + 1
        guard vacantIn <= vacancyNoticeDays else { return nil }
        let fte = covering.map(\.fte).reduce(0, +)
        let inDays = FrenchFormat.count(vacantIn, singular: "jour", plural: "jours")
        return GovernanceAlert(
            kind: .vacantPost, severity: .warning,
            title: "Poste de coordination vacant dans \(inDays)",
            detail: "Le poste de coordination (\(FrenchFormat.number(fte)) ETP) prend fin le \(FrenchFormat.date(end)) et aucun poste ne lui succède : poste vacant dans \(inDays)."
        )
    }

    // MARK: - Programme

    /// Late fiches actions, when any.
    public static func lateActions(_ facts: GovernanceFacts) -> GovernanceAlert? {
        guard facts.isRunning, facts.lateActions > 0 else { return nil }
        let n = facts.lateActions
        return GovernanceAlert(
            kind: .lateActions, severity: .warning,
            title: "\(FrenchFormat.count(n, singular: "action", plural: "actions")) en retard",
            detail: n == 1
                ? "Une fiche action a dépassé sa date de fin prévue ou est marquée « En retard »."
                : "\(FrenchFormat.integer(n)) fiches actions ont dépassé leur date de fin prévue ou sont marquées « En retard »."
        )
    }

    /// Indicators without an actual value for last year (today's year − 1), when any.
    public static func indicatorsWithoutValue(_ facts: GovernanceFacts, today: CalendarDay) -> GovernanceAlert? {
        guard facts.isRunning, facts.indicatorsWithoutLastYearValue > 0 else { return nil }
        let n = facts.indicatorsWithoutLastYearValue
        let year = today.year - 1
        return GovernanceAlert(
            kind: .indicatorsWithoutValue, severity: .warning,
            title: "\(FrenchFormat.count(n, singular: "indicateur", plural: "indicateurs")) sans valeur pour \(year)",
            detail: (n == 1 ? "Un indicateur n'a pas de valeur réalisée" : "\(FrenchFormat.integer(n)) indicateurs n'ont pas de valeur réalisée")
                + " pour \(year) : demandez-la aux pilotes avant le bilan annuel."
        )
    }
}
