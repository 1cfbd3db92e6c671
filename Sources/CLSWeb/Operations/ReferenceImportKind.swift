import CLSCore

/// The reference imports an administrator can run, and the files each one takes.
enum ReferenceImportKind: String, CaseIterable, Sendable {
    case territories = "territoires"
    case shapes = "contours"
    case incomes = "revenus"
    case indicators = "indicateurs"
    case diagnosis = "diagnostic"

    struct FileRole: Sendable {
        let role: String
        let label: String
        let hint: String
        let isRequired: Bool
    }

    var label: String {
        switch self {
        case .territories: "Référentiel territorial (COG, populations, EPCI, QPV)"
        case .shapes: "Contours cartographiques (GeoJSON)"
        case .incomes: "Revenus Filosofi (communes, IRIS)"
        case .indicators: "Indicateurs locaux (Statistiques locales INSEE, CartoSanté)"
        case .diagnosis: "Indicateurs du diagnostic (Comparateur de territoires INSEE, suicides et couvertures vaccinales de Santé publique France, CSV d'un observatoire)"
        }
    }

    var fileRoles: [FileRole] {
        switch self {
        case .territories:
            [FileRole(role: "communes", label: "Communes du COG", hint: "communes-cog-AAAA.csv (INSEE)", isRequired: true),
             FileRole(role: "populations", label: "Populations légales", hint: "populations-legales-AAAA.csv (INSEE)", isRequired: false),
             FileRole(role: "epci", label: "Composition des EPCI", hint: "epci-perimetre-AAAA.csv (DGCL, Windows-1252)", isRequired: false),
             FileRole(role: "qpv", label: "Quartiers prioritaires", hint: "qpv-AAAA.csv (ANCT)", isRequired: false),
             FileRole(role: "departements", label: "Départements du COG", hint: "departements.csv", isRequired: false),
             FileRole(role: "regions", label: "Régions du COG", hint: "regions.csv", isRequired: false),
             FileRole(role: "mouvements", label: "Mouvements des communes", hint: "mouvements-communes.csv (INSEE) : fusions, changements de nom et de code", isRequired: false)]
        case .shapes:
            [FileRole(role: "fichier", label: "Fichier de contours", hint: "GeoJSON en WGS84 (.geojson)", isRequired: true)]
        case .incomes:
            [FileRole(role: "communes", label: "Filosofi par commune", hint: "filosofi-communes-AAAA.json", isRequired: false),
             FileRole(role: "iris", label: "Filosofi par IRIS", hint: "filosofi-iris-AAAA.json.gz (ou .json)", isRequired: false)]
        case .indicators:
            [FileRole(role: "fichier", label: "Fichier d'indicateurs", hint: "CSV des Statistiques locales ou de CartoSanté", isRequired: true)]
        case .diagnosis:
            [FileRole(role: "fichier", label: "Fichier du diagnostic", hint: "la base communale du Comparateur de territoires de l'INSEE, archive zip telle que publiée, ou un CSV au format du diagnostic des observatoires (douze colonnes, de « indicateur » à « borne haute »)", isRequired: true)]
        }
    }
}
