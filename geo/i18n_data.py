"""UI strings of data management (store, import, editing, accounts) in Chinese and English."""

from __future__ import annotations

#: Refusals (``geo.errors.DataError``): nothing was written when one is shown.
ERRORS: dict[str, tuple[str, str]] = {
    "empty_file": ("文件为空，未写入任何数据。", "The file is empty; nothing was written."),
    "too_large": ("文件 {size_mb:.1f} MB，超过上限 {limit_mb:.0f} MB，未写入任何数据。", "The file is {size_mb:.1f} MB, over the {limit_mb:.0f} MB limit; nothing was written."),
    "unsupported": ("不支持的文件类型“{ext}”。支持 GeoJSON、zip 压缩的 Shapefile、GeoPackage、KML/KMZ、CSV 和 Excel（.xlsx）。", "Unsupported file type “{ext}”. Use GeoJSON, a zipped Shapefile, GeoPackage, KML/KMZ, CSV or Excel (.xlsx)."),
    "xls_old": ("不支持旧版 Excel（.xls），请另存为 .xlsx。", "Old Excel files (.xls) are not supported; save it as .xlsx."),
    "malformed_json": ("JSON 格式错误（第 {line} 行：{msg}），未写入任何数据。", "Malformed JSON (line {line}: {msg}); nothing was written."),
    "not_geojson": ("不是 GeoJSON：需要 FeatureCollection、Feature 或几何对象。", "Not GeoJSON: expected a FeatureCollection, a Feature or a geometry."),
    "bad_geometry": ("第 {row} 个要素的几何无法读取：{msg}。", "Feature {row} has an unreadable geometry: {msg}."),
    "not_utf8": ("“{name}”不是 UTF-8 编码（第 {pos} 字节）。请另存为 UTF-8 编码，或改用 .xlsx。", "“{name}” is not UTF-8 text (byte {pos}). Save it as UTF-8, or use .xlsx."),
    "bad_zip": ("不是有效的 zip 文件。", "Not a valid zip file."),
    "zip_unsafe_path": ("zip 中的路径“{name}”不安全（绝对路径、含 .. 或链接），已拒绝。", "The zip holds an unsafe path “{name}” (absolute, with .. or a link); refused."),
    "zip_too_big": ("zip 解压后达 {size_mb:.0f} MB，超过上限 {limit_mb:.0f} MB（疑似压缩炸弹），已拒绝。", "The zip unpacks to {size_mb:.0f} MB, over the {limit_mb:.0f} MB limit (a zip bomb?); refused."),
    "zip_ratio": ("zip 压缩比 {ratio:.0f}:1 超过上限 {limit}:1（疑似压缩炸弹），已拒绝。", "The zip's compression ratio {ratio:.0f}:1 exceeds {limit}:1 (a zip bomb?); refused."),
    "zip_members": ("zip 中有 {n} 个文件，超过上限 {limit}。", "The zip holds {n} files, over the limit of {limit}."),
    "zip_no_data": ("zip 中没有可读取的数据（需要 .shp 及同名 .dbf、.shx，或 .gpkg、.kml、.geojson、.csv、.xlsx）。", "The zip holds no readable data (a .shp with its .dbf and .shx, or a .gpkg, .kml, .geojson, .csv or .xlsx)."),
    "shp_incomplete": ("Shapefile“{name}”缺少 {missing}。", "The Shapefile “{name}” lacks {missing}."),
    "bad_file": ("{kind} 文件无法读取：{msg}", "The {kind} file cannot be read: {msg}"),
    "kml_dtd": ("KML 含有 DOCTYPE 或实体声明，出于安全考虑已拒绝。", "The KML declares a DOCTYPE or entities; refused for safety."),
    "no_features": ("文件中没有要素或数据行。", "The file holds no features or rows."),
    "no_coordinates": ("找不到坐标：请选择经度/X 列和纬度/Y 列。", "No coordinates found: choose the longitude/X and latitude/Y columns."),
    "unknown_crs": ("无法识别坐标系（{msg}），请手动选择。", "The coordinate system cannot be recognised ({msg}); choose it by hand."),
    "unknown_target": ("没有名为“{target}”的图层或表。", "There is no layer or table named “{target}”."),
    "import_blocked": ("校验发现 {n} 个错误，未写入任何数据。", "Validation found {n} error(s); nothing was written."),
    "invalid_edit": ("修改未通过校验，未写入任何数据。", "The change did not pass validation; nothing was written."),
    "not_found": ("找不到记录 {layer}/{rid}。", "No record {layer}/{rid}."),
    "permission": ("需要“{role}”权限，请先登录。", "This needs the {role} role; please sign in."),
    "login_failed": ("用户名或密码错误。", "Wrong user name or password."),
    "locked": ("登录失败次数过多，请 {minutes} 分钟后再试。", "Too many failed sign-ins; try again in {minutes} minutes."),
    "bad_username": ("用户名需 2–32 个字符（字母、数字、汉字、_ . -）。", "User names have 2–32 characters (letters, digits, Chinese, _ . -)."),
    "weak_password": ("密码至少需要 {n} 个字符。", "Passwords need at least {n} characters."),
    "bad_role": ("角色“{role}”无效（可选：editor、admin）。", "Role “{role}” is not valid (editor or admin)."),
    "user_exists": ("用户“{username}”已存在。", "User “{username}” already exists."),
    "no_such_user": ("没有用户“{username}”。", "No user “{username}”."),
    "self_disable": ("不能停用自己的账户。", "You cannot disable your own account."),
    "password_mismatch": ("两次输入的密码不一致。", "The two passwords differ."),
}  # fmt: skip

#: Findings of an import's validation report; the rows follow.
ISSUES: dict[str, tuple[str, str]] = {
    "empty_geometry": ("没有几何", "no geometry"),
    "bad_coordinates": ("坐标无法换算到经纬度（坐标系选错了？）", "coordinates cannot be converted to longitude/latitude (wrong CRS?)"),
    "repaired": ("几何无效，已用 make_valid 修复（{reason}）", "invalid geometry repaired with make_valid ({reason})"),
    "wrong_type": ("几何类型为 {found}，图层 {target} 需要 {expected}", "geometry is a {found}; layer {target} needs {expected}"),
    "outside": ("{n} 个要素在街道范围之外", "{n} feature(s) outside the subdistrict"),
    "missing_required": ("必填字段 {col} 为空（{n} 条）", "required field {col} is empty ({n})"),
    "bad_value": ("字段 {col} 的值无法识别：{values}", "field {col} has unreadable values: {values}"),
    "bad_choice": ("字段 {col} 的值不在可选范围：{values}（可选：{allowed}）", "field {col} has values not allowed: {values} (allowed: {allowed})"),
    "negative": ("字段 {col} 不能为负数", "field {col} cannot be negative"),
    "out_of_range": ("字段 {col} 应在 {lo}–{hi} 之间", "field {col} must be between {lo} and {hi}"),
    "duplicate_id": ("编号 {col} 重复：{values}", "duplicate {col}: {values}"),
    "markup": ("字段 {col} 含 HTML/脚本字符，将按纯文本保存和显示", "field {col} holds HTML/script characters; stored and shown as plain text"),
    "formula_text": ("字段 {col} 以 = + - @ 开头，导出 Excel 时将作为文本（不会执行）", "field {col} starts with = + - @; Excel exports keep it as text (never run)"),
    "unit_converted": ("字段 {col} 由“{src}”换算（×{factor}）", "field {col} converted from “{src}” (×{factor})"),
    "id_matched": ("按名称匹配到已有记录的 {col}", "{col} taken from the existing record of the same name"),
    "id_generated": ("自动生成 {col}", "{col} generated"),
    "will_add": ("将新增 {n} 条记录", "{n} new record(s)"),
    "will_update": ("将更新 {n} 条已有记录（文件未给出的字段保持不变）", "{n} existing record(s) updated (fields the file lacks are kept)"),
    "will_delete": ("替换模式：{n} 条现有记录将被删除（可在历史中恢复）", "Replace mode: {n} existing record(s) will be deleted (restorable from the history)"),
}  # fmt: skip

#: Notes about how a file was read.
NOTES: dict[str, tuple[str, str]] = {
    "encoding": ("属性表编码：{encoding}（依据：{how}）", "Attribute encoding: {encoding} (from: {how})"),
    "no_prj": ("缺少 .prj，坐标系按坐标范围判断", "No .prj: the coordinate system is guessed from the coordinate ranges"),
    "several_files": ("压缩包中有 {n} 个数据文件，读取了“{used}”", "The zip holds {n} data files; “{used}” was read"),
    "several_layers": ("文件中有 {n} 个图层，读取了“{used}”", "The file holds {n} layers; “{used}” was read"),
}  # fmt: skip

#: Problems of an edit (``geo.edits``).
EDIT_PROBLEMS: dict[str, tuple[str, str]] = {
    "unknown_village": ("{label}：村名不在村庄图层中", "{label}: the village is not in the villages layer"),
    "bad_year": ("{label}：年度应为 {lo}–{hi} 之间的整数", "{label}: the year must be a whole number {lo}–{hi}"),
    "bad_number": ("{label}：{col} 应为不小于 0 的数字", "{label}: {col} must be a number, 0 or more"),
    "duplicate_row": ("{label}：同一村同一年有多行", "{label}: more than one row for this village and year"),
    "bad_status": ("{label}：状态无效（可选：{allowed}）", "{label}: status not valid ({allowed})"),
}  # fmt: skip

STRINGS: dict[str, tuple[str, str]] = {
    # sign-in
    "login_title": ("登录", "Sign in"),
    "login_needed": ("此页面需要{role}权限。浏览地图无需登录。", "This page needs the {role} role. Viewing the maps needs no sign-in."),
    "username": ("用户名", "User name"),
    "password": ("密码", "Password"),
    "login": ("登录", "Sign in"),
    "logout": ("退出登录", "Sign out"),
    "signed_in_as": ("已登录：{user}（{role}）", "Signed in: {user} ({role})"),
    "role_viewer": ("浏览者", "viewer"),
    "role_editor": ("编辑者", "editor"),
    "role_admin": ("管理员", "admin"),
    # import page
    "import_title": ("数据导入", "Data import"),
    "import_intro": ("上传测绘成果或整理好的表格：先检测坐标系和编码、对应字段、预览和校验，确认后一次性写入（全部成功或全部不写）。", "Upload survey results or a prepared table: detect the CRS and encoding, map the columns, preview and validate, then commit in one step (all or nothing)."),
    "upload": ("选择文件（GeoJSON、zip Shapefile、GeoPackage、KML/KMZ、CSV、xlsx；上限 {mb:.0f} MB）", "Choose a file (GeoJSON, zipped Shapefile, GeoPackage, KML/KMZ, CSV, xlsx; up to {mb:.0f} MB)"),
    "target": ("导入到", "Import into"),
    "read_as": ("已读取 {n} 条（{kind}）", "{n} rows read ({kind})"),
    "crs": ("坐标系", "Coordinate system"),
    "crs_detected": ("检测结果：{label}（依据：{basis}；距街道中心 {km:.1f} km）", "Detected: {label} (from: {basis}; {km:.1f} km from the subdistrict centre)"),
    "basis_file": ("文件声明", "the file"), "basis_range": ("坐标范围", "coordinate ranges"),
    "swapped": ("经纬度顺序互换（检测到纬度在前）", "Swap latitude/longitude (latitude seems to come first)"),
    "x_column": ("经度 / X 列", "Longitude / X column"),
    "y_column": ("纬度 / Y 列", "Latitude / Y column"),
    "datum": ("坐标纠偏", "Datum correction"),
    "datum_wgs84": ("不纠偏（WGS 84 / CGCS2000）", "None (WGS 84 / CGCS2000)"),
    "datum_gcj02": ("GCJ-02（高德/腾讯坐标）→ WGS 84", "GCJ-02 (AMap/Tencent) → WGS 84"),
    "datum_bd09": ("BD-09（百度坐标）→ WGS 84", "BD-09 (Baidu) → WGS 84"),
    "datum_suggest": ("建议：{datum}（依据：{basis}）", "Suggested: {datum} (from: {basis})"),
    "datum_basis_names": ("与同名已知要素的距离：{scores}", "distance to known features of the same name: {scores}"),
    "datum_basis_hint": ("文件名或列名", "the file or column names"),
    "datum_basis_boundary": ("落在街道范围内的比例：{scores}", "share inside the subdistrict: {scores}"),
    "datum_basis_projected": ("投影坐标，无需纠偏", "projected coordinates need none"),
    "datum_basis_none": ("无参照", "no reference"),
    "mapping": ("字段对应", "Column mapping"),
    "not_mapped": ("（不导入）", "(not imported)"),
    "auto": ("可自动生成", "filled automatically"),
    "fill_value": ("统一填写：{col}", "One value for all: {col}"),
    "mode": ("写入方式", "Write mode"),
    "mode_upsert": ("新增并更新同编号记录", "Add new, update matching records"),
    "mode_replace": ("用文件替换整个图层", "Replace the whole layer with the file"),
    "geom_source": ("几何来源", "Geometry source"),
    "geom_source_imported": ("导入（imported）", "imported"),
    "geom_source_surveyed": ("测绘（surveyed）", "surveyed"),
    "preview": ("预览", "Preview"),
    "report": ("校验报告", "Validation report"),
    "sev_error": ("错误", "Error"), "sev_warning": ("提醒", "Warning"), "sev_info": ("说明", "Note"),
    "reason": ("修改原因（记入历史）", "Reason (kept in the history)"),
    "commit": ("确认写入", "Commit"),
    "commit_blocked": ("请先解决全部错误。", "Resolve every error first."),
    "committed": ("已写入：提交 #{commit}，{n} 条记录。地图已更新。", "Committed #{commit}: {n} records. The maps are updated."),
    "nothing_changed": ("没有变化，未写入。", "Nothing changed; nothing written."),
    "open_map": ("在地图上查看", "See it on the map"),
    # edit page
    "edit_title": ("数据编辑", "Data editing"),
    "tab_trusteeship": ("土地托管", "Land trusteeship"),
    "tab_projects": ("项目", "Projects"),
    "tab_history": ("历史与恢复", "History & restore"),
    "tab_export": ("导出", "Export"),
    "save": ("保存", "Save"),
    "saved": ("已保存：提交 #{commit}。", "Saved: commit #{commit}."),
    "project": ("项目", "Project"),
    "status": ("状态", "Status"),
    "investment_wan": ("投资（万元，空 = 未报告）", "Investment (万元, empty = not reported)"),
    "progress_pct": ("进度（%）", "Progress (%)"),
    "unknown": ("未填写", "not given"),
    "layer": ("图层/表", "Layer/table"),
    "record": ("记录", "Record"),
    "history_empty": ("没有历史记录。", "No history."),
    "version": ("版本（提交）", "Version (commit)"),
    "restore_record": ("恢复此记录到所选版本", "Restore this record to the chosen version"),
    "restore_layer": ("恢复整个图层到所选版本", "Restore the whole layer to the chosen version"),
    "restored": ("已恢复：提交 #{commit}。", "Restored: commit #{commit}."),
    "at_version": ("所选版本时的记录", "The record at the chosen version"),
    "deleted_then": ("该版本时此记录不存在。", "The record did not exist at that version."),
    "recent_commits": ("最近的提交", "Recent commits"),
    "download_geojson": ("下载 GeoJSON", "Download GeoJSON"),
    "download_gpkg": ("下载 GeoPackage（全部图层）", "Download GeoPackage (every layer)"),
    "download_xlsx_all": ("下载 Excel（全部图层和表）", "Download Excel (every layer and table)"),
    "stale_layers": ("data/ 中这些文件在本库编辑后又有变化，库中保留了编辑后的数据：{names}", "These files in data/ changed after the layers were edited here; the edited data is kept: {names}"),
    # accounts page
    "accounts_title": ("账户", "Accounts"),
    "new_account": ("新建账户", "New account"),
    "role": ("角色", "Role"),
    "create": ("创建", "Create"),
    "created": ("已创建账户 {user}。", "Account {user} created."),
    "users": ("全部账户", "All accounts"),
    "active": ("启用", "Active"),
    "toggle_active": ("启用/停用账户", "Enable/disable an account"),
    "apply": ("应用", "Apply"),
    "store_unavailable": ("数据库不可用（{msg}），暂时直接读取 data/ 文件，编辑不可用。", "The database is unavailable ({msg}); reading data/ files directly, editing is off."),
}  # fmt: skip

_BASIS_KEYS = {"names", "hint", "boundary", "projected", "none"}


def td(key: str, lang: str = "zh", **fmt) -> str:
    """The data-management UI string ``key`` in ``lang``."""
    zh, en = STRINGS[key]
    text = en if lang == "en" else zh
    return text.format(**fmt) if fmt else text


def rows_text(rows, lang: str, limit: int = 8) -> str:
    """``第 1、2、3 条`` / ``records 1, 2, 3`` (1-based), shortened after ``limit``."""
    shown = [str(r + 1) for r in list(rows)[:limit]]
    more = "…" if len(rows) > limit else ""
    if lang == "en":
        return f"record{'s' if len(rows) > 1 else ''} {', '.join(shown)}{more}"
    return f"第 {'、'.join(shown)}{more} 条"


def issue_text(code: str, lang: str, rows=(), **fmt) -> str:
    """A finding of the validation report, with its rows."""
    zh, en = ISSUES[code]
    text = (en if lang == "en" else zh).format(**fmt)
    if not rows:
        return text
    return f"{rows_text(rows, lang)}{': ' if lang == 'en' else '：'}{text}"


def note_text(code: str, lang: str, **fmt) -> str:
    """A note about how a file was read."""
    zh, en = NOTES[code]
    return (en if lang == "en" else zh).format(**fmt)


def edit_problem(code: str, **fmt) -> tuple[str, str]:
    """A problem of an edit as a (zh, en) pair."""
    zh, en = EDIT_PROBLEMS[code]
    return zh.format(**fmt), en.format(**fmt)
