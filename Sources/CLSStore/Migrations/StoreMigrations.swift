import FluentKit

/// Every migration of the store, in order. Migrations only add (an index made redundant by a
/// wider one may go): none drops user data.
public enum StoreMigrations {
    public static let all: [any Migration] = [
        CreateAccounts(),
        CreateContracts(),
        CreateAuditTrail(),
        CreateProgramme(),
        CreateImportUploads(),
        CreateActionResources(),
        CreateRegionalThemes(),
        CreateTerritories(),
        CreateContractPerimeters(),
        CreateCommuneIncomes(),
        CreateReferenceData(),
        CreateReferenceImports(),
        CreateCommuneEvents(),
        CreateGovernance(),
        CreateActionSearch(),
        CreateReflexISS(),
        AddScaleIndexes(),
        CreatePerimeterCommunes(),
        AddAggregateIndexes(),
        CreateDataVersion(),
        CreateLoginFailures(),
        AddImportUploadProgress(),
        CreateNotifications(),
        AddTerritoiresEnTransitionsFields(),
        CreateContractTexts(),
        CreateContractFiles(),
        CreateAmendments(),
        CreateActionPredecessors(),
        CreateFinalEvaluations(),
        CreateDiagnosis(),
        CreateSharedDiagnosis(),
        CreateDiagnosisVersions(),
        CreateContractDataVersions(),
    ]
}
