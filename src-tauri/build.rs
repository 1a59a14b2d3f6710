fn main() {
    // Only these app commands exist; the capability file grants exactly them.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "dashboard",
        "settings",
        "update_settings",
        "info",
        "kpi_schemes",
        "kpi_score",
        "kpi_entry",
        "kpi_save",
        "kpi_trend",
        "kpi_history",
        "kpi_templates",
        "kpi_add_template",
        "kpi_import",
        "org_snapshot",
        "org_tree",
        "org_save_unit",
        "org_save_position",
        "org_save_person",
        "org_assign",
        "org_end_assignment",
        "org_history",
        "org_revert",
        "org_templates",
        "org_apply_template",
        "org_import",
        "org_export",
        "org_template_file",
        "report_scorecard",
        "report_bulletin",
        "report_orgchart",
    ]);
    if let Err(e) = tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)) {
        eprintln!("tauri build script failed: {e:#}");
        std::process::exit(1);
    }
}
