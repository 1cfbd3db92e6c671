/// The contract as a document (DOMAIN.md §3 step 6): everything the signed text says, already in
/// words, gathered from the data by the store (`ContractDocumentQueries`) and laid out as a Word
/// file by `ContractDocumentWriter`. Free-text parts (préambule, articles) have a default text
/// (`ContractDocumentPart.defaultText`) the coordinator may replace per contract.
public struct ContractDocumentContent: Codable, Equatable, Sendable {
    /// A label and its value ("Durée" : "5 ans").
    public struct Line: Codable, Equatable, Sendable {
        public let label: String
        public let value: String
        public init(_ label: String, _ value: String) { self.label = label; self.value = value }
    }

    /// A signatory: the organisation, who signs for it and in what capacity.
    public struct Party: Codable, Equatable, Sendable {
        public let organisation: String
        public let kind: String
        public let representative: String
        public let role: String
        public let deliberationOn: String
        public let signedOn: String
        public init(organisation: String, kind: String, representative: String, role: String, deliberationOn: String, signedOn: String) {
            self.organisation = organisation
            self.kind = kind
            self.representative = representative
            self.role = role
            self.deliberationOn = deliberationOn
            self.signedOn = signedOn
        }
    }

    /// An axis or an objective, with its number ("1", "1.2") and its fiches actions' titles.
    public struct Section: Codable, Equatable, Sendable {
        public let number: String
        public let title: String
        public let kind: String
        public let summary: String
        public let depth: Int
        public let actionTitles: [String]
        public init(number: String, title: String, kind: String, summary: String, depth: Int, actionTitles: [String]) {
            self.number = number
            self.title = title
            self.kind = kind
            self.summary = summary
            self.depth = depth
            self.actionTitles = actionTitles
        }
    }

    /// A fiche action in the annex, every field in words.
    public struct ActionSheet: Codable, Equatable, Sendable {
        /// The action's id (to find one fiche among the contract's).
        public let id: String
        public let number: String
        public let title: String
        /// "Axe 1 › Objectif 1.2".
        public let place: String
        public let fields: [Line]
        public let subActions: [String]
        /// Funder, year, planned amount.
        public let budget: [[String]]
        /// Indicator, unit, baseline, targets.
        public let indicators: [[String]]
        public init(id: String, number: String, title: String, place: String, fields: [Line], subActions: [String], budget: [[String]],
                    indicators: [[String]]) {
            self.id = id
            self.number = number
            self.title = title
            self.place = place
            self.fields = fields
            self.subActions = subActions
            self.budget = budget
            self.indicators = indicators
        }
    }

    public var name: String
    public var subtitle: String
    /// The contract's identity: territory, generation, dates, duration, state.
    public var facts: [Line]
    public var parties: [Party]
    public var partners: [Line]
    public var perimeter: String
    public var communes: [String]
    public var governanceBodies: [Line]
    public var sections: [Section]
    public var actions: [ActionSheet]
    /// Funder and planned total, then the total line.
    public var financingByFunder: [[String]]
    public var financingByYear: [[String]]
    /// The texts of the free parts, by part: the coordinator's, or the default.
    public var texts: [ContractDocumentPart: String]

    public init(name: String, subtitle: String, facts: [Line], parties: [Party], partners: [Line], perimeter: String,
                communes: [String], governanceBodies: [Line], sections: [Section], actions: [ActionSheet],
                financingByFunder: [[String]], financingByYear: [[String]], texts: [ContractDocumentPart: String]) {
        self.name = name
        self.subtitle = subtitle
        self.facts = facts
        self.parties = parties
        self.partners = partners
        self.perimeter = perimeter
        self.communes = communes
        self.governanceBodies = governanceBodies
        self.sections = sections
        self.actions = actions
        self.financingByFunder = financingByFunder
        self.financingByYear = financingByYear
        self.texts = texts
    }
}
