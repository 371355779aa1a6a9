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
MAP_PRESENT = "map_present"
W_AUTOPLAY = "w_autoplay"
W_INTERVAL = "w_interval"

# editing and sign-in (issue 14)
EDIT_BASE = "edit_base"  # {"projects/<id>" | "trusteeship": what the editor loaded, with versions}
EDIT_CONFLICT = "edit_conflict"  # {"scope": ..., "error": ConflictError} until reloaded
AUTH_TOKEN = "auth_token"  # the session token (the store keeps only its hash)
AUTH_CLIENT = "auth_client"  # a random per-browser-session client id when no address is known
AUTH_NOTICE = "auth_notice"  # a message for the next run (session expired)
