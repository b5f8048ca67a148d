//! The statutory labels (`docs/template.md` §2–§3) behind the table, row and column keys, so that
//! `check` names a cell the way the printed report does: `表三 （七）总计 · 总计`.

use gongkai::{CellRef, Template};

/// The table's name in the statutory format.
pub fn table(key: &str) -> &'static str {
    match key {
        "proactive" => "表二",
        "requests" => "表三",
        "review_litigation" => "表四",
        _ => "表?",
    }
}

/// A row's label (with its group where the label alone is ambiguous).
pub fn row(table: &str, key: &str, template: Template) -> Option<&'static str> {
    Some(match (table, key) {
        ("proactive", "regulations") => "第二十条第（一）项 规章",
        ("proactive", "normative_documents") if template == Template::F2019 => "第二十条第（一）项 规范性文件",
        ("proactive", "normative_documents") => "第二十条第（一）项 行政规范性文件",
        ("proactive", "admin_licensing") => "第二十条第（五）项 行政许可",
        ("proactive", "other_external_services") => "第二十条第（五）项 其他对外管理服务事项",
        ("proactive", "admin_penalty") => "第二十条第（六）项 行政处罚",
        ("proactive", "admin_coercion") => "第二十条第（六）项 行政强制",
        ("proactive", "admin_fees") => "第二十条第（八）项 行政事业性收费",
        ("proactive", "gov_central_procurement") => "第二十条第（九）项 政府集中采购",

        ("requests", "new_received") => "一、本年新收政府信息公开申请数量",
        ("requests", "carried_over") => "二、上年结转政府信息公开申请数量",
        ("requests", "granted") => "（一）予以公开",
        ("requests", "partially_granted") => "（二）部分公开",
        ("requests", "denied_state_secret") => "（三）不予公开 1.属于国家秘密",
        ("requests", "denied_law_prohibited") => "（三）不予公开 2.其他法律行政法规禁止公开",
        ("requests", "denied_security_stability") => "（三）不予公开 3.危及“三安全一稳定”",
        ("requests", "denied_third_party") => "（三）不予公开 4.保护第三方合法权益",
        ("requests", "denied_internal_affairs") => "（三）不予公开 5.属于三类内部事务信息",
        ("requests", "denied_process_info") => "（三）不予公开 6.属于四类过程性信息",
        ("requests", "denied_enforcement_file") => "（三）不予公开 7.属于行政执法案卷",
        ("requests", "denied_admin_query") => "（三）不予公开 8.属于行政查询事项",
        ("requests", "unable_not_held") => "（四）无法提供 1.本机关不掌握相关政府信息",
        ("requests", "unable_needs_creation") => "（四）无法提供 2.没有现成信息需要另行制作",
        ("requests", "unable_unclear_after_correction") => "（四）无法提供 3.补正后申请内容仍不明确",
        ("requests", "not_processed_petition") => "（五）不予处理 1.信访举报投诉类申请",
        ("requests", "not_processed_repeat") => "（五）不予处理 2.重复申请",
        ("requests", "not_processed_publication") => "（五）不予处理 3.要求提供公开出版物",
        ("requests", "not_processed_excessive") => "（五）不予处理 4.无正当理由大量反复申请",
        ("requests", "not_processed_confirm_existing") => "（五）不予处理 5.要求行政机关确认或重新出具已获取信息",
        ("requests", "other_no_correction") => "（六）其他处理 1.申请人无正当理由逾期不补正",
        ("requests", "other_fee_unpaid") => "（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用",
        ("requests", "other_other") => "（六）其他处理 3.其他",
        ("requests", "other_processing") => "（六）其他处理",
        ("requests", "results_total") => "（七）总计",
        ("requests", "carried_forward") => "四、结转下年度继续办理",

        ("review_litigation", "review") => "行政复议",
        ("review_litigation", "litigation_direct") => "行政诉讼 未经复议直接起诉",
        ("review_litigation", "litigation_after_review") => "行政诉讼 复议后起诉",
        _ => return None,
    })
}

/// A column's label.
pub fn column(table: &str, key: &str) -> Option<&'static str> {
    Some(match (table, key) {
        ("proactive", "issued") => "本年制发件数",
        ("proactive", "repealed") => "本年废止件数",
        ("proactive", "in_force") => "现行有效件数",
        ("proactive", "decisions") => "本年处理决定数量",
        ("proactive", "fee_amount_wan_yuan") => "本年收费金额（单位：万元）",
        ("proactive", "new_made") => "本年新制作数量",
        ("proactive", "new_published") => "本年新公开数量",
        ("proactive", "total_published") => "对外公开总数量",
        ("proactive", "prev_year_items") => "上一年项目数量",
        ("proactive", "delta_this_year") => "本年增/减",
        ("proactive", "procurement_projects") => "采购项目数量",
        ("proactive", "procurement_amount_wan_yuan") => "采购总金额（万元）",

        ("requests", "natural_person") => "自然人",
        ("requests", "org_business") => "法人或其他组织 商业企业",
        ("requests", "org_research") => "法人或其他组织 科研机构",
        ("requests", "org_public_interest") => "法人或其他组织 社会公益组织",
        ("requests", "org_legal_services") => "法人或其他组织 法律服务机构",
        ("requests", "org_other") => "法人或其他组织 其他",
        ("requests", "total") => "总计",

        ("review_litigation", "upheld") => "结果维持",
        ("review_litigation", "corrected") => "结果纠正",
        ("review_litigation", "other") => "其他结果",
        ("review_litigation", "pending") => "尚未审结",
        ("review_litigation", "total") => "总计",
        _ => return None,
    })
}

/// The cell named in statutory labels, e.g. `表三 （七）总计 · 总计`; unknown keys are shown as
/// they are.
pub fn cell(cell: &CellRef, template: Template) -> String {
    format!(
        "{} {} · {}",
        table(cell.table),
        row(cell.table, cell.row, template).unwrap_or(cell.row),
        column(cell.table, cell.column).unwrap_or(cell.column)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cells_in_statutory_labels() {
        let c = CellRef { table: "requests", row: "results_total", column: "total" };
        assert_eq!(cell(&c, Template::F2021), "表三 （七）总计 · 总计");
        let c = CellRef { table: "review_litigation", row: "litigation_after_review", column: "total" };
        assert_eq!(cell(&c, Template::F2021), "表四 行政诉讼 复议后起诉 · 总计");
        let c = CellRef { table: "proactive", row: "normative_documents", column: "new_made" };
        assert_eq!(cell(&c, Template::F2019), "表二 第二十条第（一）项 规范性文件 · 本年新制作数量");
    }

    #[test]
    fn unknown_keys_are_shown_as_they_are() {
        let c = CellRef { table: "requests", row: "someday", column: "whatever" };
        assert_eq!(cell(&c, Template::Unknown), "表三 someday · whatever");
    }
}
