import Foundation

/// One entry of a hierarchical classification: a code such as "D2.2.4", its French label, and
/// its sub-entries. Codes are stable identifiers stored in the database.
public struct TaxonomyNode: Hashable, Codable, Sendable, Identifiable {
    public let code: String
    public let label: String
    public let children: [TaxonomyNode]

    public init(_ code: String, _ label: String, _ children: [TaxonomyNode] = []) {
        self.code = code
        self.label = label
        self.children = children
    }

    public var id: String { code }
    public var isLeaf: Bool { children.isEmpty }
    /// "D2.2.4 Logement (air intérieur, humidité, sécurité énergétique)".
    public var codeAndLabel: String { "\(code) \(label)" }

    /// This node then all its descendants, depth first, in reading order.
    public var flattened: [TaxonomyNode] {
        [self] + children.flatMap(\.flattened)
    }
}

/// A classification: its top classes (D1…D6, or S1…S5 and NS) and lookups by code.
public struct Taxonomy: Sendable {
    /// French name of the classification.
    public let name: String
    /// The top classes, in order.
    public let classes: [TaxonomyNode]
    /// Every node, depth first, in reading order.
    public let allNodes: [TaxonomyNode]
    private let pathsByCode: [String: [TaxonomyNode]]

    public init(name: String, classes: [TaxonomyNode]) {
        self.name = name
        self.classes = classes
        self.allNodes = classes.flatMap(\.flattened)
        var paths: [String: [TaxonomyNode]] = [:]
        func walk(_ node: TaxonomyNode, _ ancestors: [TaxonomyNode]) {
            let path = ancestors + [node]
            paths[node.code] = path
            for child in node.children { walk(child, path) }
        }
        for root in classes { walk(root, []) }
        self.pathsByCode = paths
    }

    /// Every code, depth first, in reading order ("D1", "D1.1", "D1.2", "D2", …).
    public var allCodes: [String] { allNodes.map(\.code) }

    /// Whether `code` is a code of this classification (exact spelling, as stored).
    public func isValid(code: String) -> Bool { pathsByCode[code] != nil }

    /// The node of an exact code, `nil` when unknown.
    public func node(code: String) -> TaxonomyNode? { pathsByCode[code]?.last }

    /// The node and its ancestors, from the top class down to the node itself:
    /// "D2.2.4" → [D2, D2.2, D2.2.4]. Empty when the code is unknown.
    public func path(of code: String) -> [TaxonomyNode] { pathsByCode[code] ?? [] }

    /// The ancestors only, from the top class down to the parent. Empty for a top class or an unknown code.
    public func ancestors(of code: String) -> [TaxonomyNode] { Array(path(of: code).dropLast()) }

    /// The code of the parent node, `nil` for a top class or an unknown code.
    public func parentCode(of code: String) -> String? { ancestors(of: code).last?.code }

    /// The top class of a code: "D2.2.4" → "D2", "S4.1" → "S4", "NS" → "NS". `nil` when unknown.
    public func classCode(of code: String) -> String? { pathsByCode[code]?.first?.code }

    /// 1 for a top class, 2 for its sub-codes… 0 when unknown.
    public func depth(of code: String) -> Int { path(of: code).count }

    /// The distinct top classes of a set of codes, in the classification's order. An action
    /// coded D5.1.1 and D5.2.2 counts once in class D5 (the evaluation's class totals,
    /// `003:1297`). Unknown codes are ignored.
    public func classCodes<Codes: Sequence>(of codes: Codes) -> [String] where Codes.Element == String {
        let found = Set(codes.compactMap { classCode(of: $0) })
        return classes.map(\.code).filter(found.contains)
    }

    /// The node a typed or imported text designates: a code whatever its case or surrounding
    /// spaces ("d2.2.4", "D2.2.4 Logement…"), or a label matched like a vocabulary term when it
    /// designates a single node ("Revenu" → D1.1; "Autres" is ambiguous → `nil`).
    public func match(_ text: String) -> TaxonomyNode? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let first = trimmed.split(whereSeparator: { $0.isWhitespace }).first {
            var candidate = first.uppercased()
            while candidate.hasSuffix(".") || candidate.hasSuffix(":") || candidate.hasSuffix("-") { candidate.removeLast() }
            if let node = node(code: candidate) { return node }
        }
        let key = VocabularyMatching.fold(trimmed)
        guard !key.isEmpty else { return nil }
        let hits = allNodes.filter { VocabularyMatching.fold($0.label) == key }
        return hits.count == 1 ? hits[0] : nil
    }
}

/// The reading grid of social health inequalities (ISTS) of DOMAIN.md §5: each fiche action is
/// coded on what it acts on (determinants) and how it acts (strategies), several codes allowed.
public enum ISTSTaxonomy {
    /// Part 1 — on what do we act? Six classes of determinants of health.
    public static let determinants = Taxonomy(name: "Déterminants de santé", classes: [
        TaxonomyNode("D1", "Conditions socio-économiques", [
            TaxonomyNode("D1.1", "Revenu"),
            TaxonomyNode("D1.2", "Éducation"),
        ]),
        TaxonomyNode("D2", "Conditions de vie", [
            TaxonomyNode("D2.1", "Conditions de travail"),
            TaxonomyNode("D2.2", "Environnement physique", [
                TaxonomyNode("D2.2.1", "Air"),
                TaxonomyNode("D2.2.2", "Sol"),
                TaxonomyNode("D2.2.3", "Eau"),
                TaxonomyNode("D2.2.4", "Logement (air intérieur, humidité, sécurité énergétique)"),
                TaxonomyNode("D2.2.5", "Transports et aménagement"),
            ]),
            TaxonomyNode("D2.3", "Accès aux ressources hors soins", [
                TaxonomyNode("D2.3.1", "Logement"),
                TaxonomyNode("D2.3.2", "Emploi"),
                TaxonomyNode("D2.3.3", "Services sociaux et éducatifs"),
                TaxonomyNode("D2.3.4", "Alimentation"),
                TaxonomyNode("D2.3.5", "Loisirs"),
                TaxonomyNode("D2.3.6", "Autres"),
            ]),
        ]),
        TaxonomyNode("D3", "Environnement social", [
            TaxonomyNode("D3.1", "Intégration sociale"),
            TaxonomyNode("D3.2", "Normes et climat social"),
            TaxonomyNode("D3.3", "Empowerment de la communauté", [
                TaxonomyNode("D3.3.1", "Participation des habitants"),
                TaxonomyNode("D3.3.2", "Organisation de la communauté"),
            ]),
        ]),
        TaxonomyNode("D4", "Modes de vie", [
            TaxonomyNode("D4.1", "Comportements favorables", [
                TaxonomyNode("D4.1.1", "Alcool"),
                TaxonomyNode("D4.1.2", "Tabac"),
                TaxonomyNode("D4.1.3", "Addictions"),
                TaxonomyNode("D4.1.4", "Sexualité (IST, grossesses)"),
                TaxonomyNode("D4.1.5", "Alimentation"),
                TaxonomyNode("D4.1.6", "Activité physique"),
                TaxonomyNode("D4.1.7", "Autres"),
            ]),
            TaxonomyNode("D4.2", "Compétences en santé", [
                TaxonomyNode("D4.2.1", "Connaissances"),
                TaxonomyNode("D4.2.2", "Compétences psychosociales"),
                TaxonomyNode("D4.2.3", "Autres (parents, patients)"),
            ]),
            TaxonomyNode("D4.3", "Utilisation des services", [
                TaxonomyNode("D4.3.1", "Recours aux soins"),
                TaxonomyNode("D4.3.2", "Recours à la prévention"),
            ]),
        ]),
        TaxonomyNode("D5", "Système de soins", [
            TaxonomyNode("D5.1", "Accessibilité", [
                TaxonomyNode("D5.1.1", "Géographique"),
                TaxonomyNode("D5.1.2", "Administrative (droits)"),
                TaxonomyNode("D5.1.3", "Financière"),
                TaxonomyNode("D5.1.4", "Socio-culturelle"),
                TaxonomyNode("D5.1.5", "Organisationnelle"),
            ]),
            TaxonomyNode("D5.2", "Globalité", [
                TaxonomyNode("D5.2.1", "Synergie des composantes"),
                TaxonomyNode("D5.2.2", "Offre de prévention"),
                TaxonomyNode("D5.2.3", "Prise en compte des conditions sociales"),
            ]),
            TaxonomyNode("D5.3", "Réactivité"),
            TaxonomyNode("D5.4", "Continuité (informationnelle, relationnelle, clinique)"),
            TaxonomyNode("D5.5", "Efficacité et sécurité"),
        ]),
        // Called "environnement programmatique et stratégique" in the evaluation's results tables.
        TaxonomyNode("D6", "Contexte économique et politique", [
            TaxonomyNode("D6.1", "Augmentation des richesses"),
            TaxonomyNode("D6.2", "Adaptation aux besoins des populations"),
            TaxonomyNode("D6.3", "Prise en compte des déterminants de santé dans les politiques"),
        ]),
    ])

    /// Part 2 — how do we act? The five domains of the Ottawa Charter, and `NS` (not specified).
    public static let strategies = Taxonomy(name: "Stratégies d'intervention", classes: [
        TaxonomyNode("S1", "Capacités individuelles", [
            TaxonomyNode("S1.1", "Information sur la santé"),
            TaxonomyNode("S1.2", "Éducation à la santé"),
            TaxonomyNode("S1.3", "Formation"),
        ]),
        TaxonomyNode("S2", "Capacités des communautés", [
            TaxonomyNode("S2.1", "Mobilisation des membres"),
            TaxonomyNode("S2.2", "Formation (pairs, relais, leaders, membres)"),
            TaxonomyNode("S2.3", "Appui à l'organisation de la communauté"),
        ]),
        TaxonomyNode("S3", "Conditions de vie et de travail", [
            TaxonomyNode("S3.1", "Réhabilitation des lieux de vie et de travail"),
            TaxonomyNode("S3.2", "Biens matériels et accès privilégié aux services"),
            TaxonomyNode("S3.3", "Nouveaux services"),
        ]),
        TaxonomyNode("S4", "Réorientation des services de santé", [
            TaxonomyNode("S4.1", "Rapprochement et adaptation aux populations (aller-vers, structures spécifiques, information adaptée, conseil et soutien, accompagnement social, aménagement des services)"),
            TaxonomyNode("S4.2", "Intégration et coordination"),
            TaxonomyNode("S4.3", "Renforcement de l'offre de prévention"),
            TaxonomyNode("S4.4", "Capacités des professionnels et services"),
        ]),
        TaxonomyNode("S5", "Développement stratégique", [
            TaxonomyNode("S5.1", "Partenariats intersectoriels"),
            TaxonomyNode("S5.2", "Amélioration des connaissances (analyse de situation, faisabilité, évaluation, évaluation d'impact sur la santé)"),
            TaxonomyNode("S5.3", "Planification et mesures politiques"),
        ]),
        TaxonomyNode(notSpecifiedCode, "Non spécifié"),
    ])

    /// The strategy code of an action whose way of acting is not specified.
    public static let notSpecifiedCode = "NS"

    /// The classification a code belongs to (determinants or strategies), `nil` when unknown.
    public static func taxonomy(of code: String) -> Taxonomy? {
        if determinants.isValid(code: code) { return determinants }
        if strategies.isValid(code: code) { return strategies }
        return nil
    }

    /// The node of a code of either classification.
    public static func node(code: String) -> TaxonomyNode? {
        determinants.node(code: code) ?? strategies.node(code: code)
    }

    /// The top class of a code of either classification ("D2.2.4" → "D2", "S4.1" → "S4").
    public static func classCode(of code: String) -> String? {
        determinants.classCode(of: code) ?? strategies.classCode(of: code)
    }
}
