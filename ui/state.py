"""Session-state and query-parameter keys: the only place they are spelled."""

LANG = "lang"
BASEMAP = "basemap"
OVERLAYS = "overlays"
YEAR = "year"
METRIC = "metric"
SELECTION = "sel"  # query parameter: "village:QL09" or "project:kindergarten_2-2024"
VILLAGE = "village"  # query parameter of the village profile page

# widget keys
W_LANG = "w_lang"
W_BASEMAP = "w_basemap"
W_OVERLAYS = "w_overlays"
W_YEAR = "w_year"
W_METRIC = "w_metric"
W_CLEAR = "w_clear_selection"
W_VILLAGE = "w_village"
W_PROJECT_TABLE = "w_project_table"
W_TRUST_TABLE = "w_trust_table"
W_FILTER_CAT = "w_filter_category"
W_FILTER_YEAR = "w_filter_year"
W_FILTER_STATUS = "w_filter_status"
W_FILTER_VILLAGE = "w_filter_village"
W_FILTER_INVEST = "w_filter_investment"
W_FILTER_NOINV = "w_filter_no_investment"
W_SEARCH = "w_search"

# map keys
MAP_OVERVIEW = "map_overview"
MAP_VILLAGE = "map_village"
MAP_TRUST = "map_trusteeship"
MAP_PROJECTS = "map_projects"
MAP_SCENIC = "map_scenic"
MAP_CHECKS = "map_checks"
FINDING = "finding"  # query parameter: the finding shown on the map
W_TOLERANCE = "w_tolerance"
W_SEVERITY = "w_severity"
W_CHECK = "w_check"
STOP = "stop"  # query parameter of the presentation page (1-based)
LANG_PARAM = "lang"  # query parameter: ?lang=en opens the English UI
NAV_READY = "_nav_ready"  # app.py: the legacy pages/ run has been redone once
LAST_CLICK = "_last_click_"  # + map key: the last clicked feature of that map

# record panels (ui.common.render_record): widget-key prefix per page
REC_OVERVIEW = "ov"
REC_VILLAGE = "vp"
REC_PROJECTS = "pj"
W_SHOW_FINDING = "show_"  # + finding id: the checks page's "show on map" buttons

# presentation: containers are styled by their key (.st-key-qm_*), so these names are CSS too
C_PROJECTS_BODY = "qm_stack_projects"  # pages/projects.py: map and table (stacked when narrow)
C_TRUSTEESHIP_BODY = "qm_stack_trusteeship"  # pages/trusteeship.py: map and table (the same)
C_OVERVIEW_BODY = "qm_stack_overview"  # pages/overview.py: map and record (stacked when narrow)
C_WIDGET_TEXT = "qm_widget_text"  # ui/page.py: the helper frame that translates widget texts
C_PRESENT_TOUR = "qm_tour"  # the container of the tour's one frame (ui/present.py)

# contract plots
MAP_PLOTS = "map_plots"
W_PLOT_FIND = "w_plot_find"
PLOTS_CLICKED = "_plots_clicked_village"

# data management: sign-in and per-page widget-key prefixes
AUTH_USER = "auth_user"  # the signed-in geo.store.users.User
W_USERNAME = "w_login_username"
W_PASSWORD = "w_login_password"
W_LOGIN = "w_login_submit"
W_LOGOUT = "w_logout"
W_LOGIN_FORM = "w_login_form"
W_ACCOUNTS = "w_acc_"
W_EDIT = "w_edit_"
W_IMPORT = "w_imp_"
MAP_IMPORT_PREVIEW = "map_import_preview"


def url_lang(query_params) -> str:
    """The language asked for in the URL (``?lang=en``), Chinese otherwise: read only here."""
    return "en" if query_params.get(LANG_PARAM) == "en" else "zh"


# print and share (ui/share.py)
W_PRINT_PAPER = "w_print_paper"
W_PRINT_MAP = "w_print_map"
W_PRINT_HTML = "w_print_html"
W_PRINT_VILLAGE = "w_print_village"
W_PRINT_ALL = "w_print_all"
W_PRINT_CHECKS = "w_print_checks"
PRINT_RESULT = "print_result"  # {kind: (signature, bytes)} of the last export

# editing and sign-in (issue 14)
EDIT_BASE = "edit_base"  # {"projects/<id>" | "trusteeship": what the editor loaded, with versions}
EDIT_CONFLICT = "edit_conflict"  # {"scope": ..., "error": ConflictError} until reloaded
AUTH_TOKEN = "auth_token"  # the session token (the store keeps only its hash)
AUTH_CLIENT = "auth_client"  # a random per-browser-session client id when no address is known
AUTH_NOTICE = "auth_notice"  # a message for the next run (session expired)
