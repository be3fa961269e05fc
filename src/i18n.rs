//! Every string the interface shows, in English and Simplified Chinese.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// (key, English, Chinese)
pub const STRINGS: &[(&str, &str, &str)] = &[
    ("title", "Parcel Standoff", "快递数据之争"),
    ("subtitle", "What happens to parcels when companies cut their data links? Based on the June 2017 SF Express – Cainiao dispute.", "企业切断数据链接时，包裹会怎样？基于2017年6月顺丰与菜鸟之争。"),
    ("hint", "Click a dashed data link to cut it, then press Play. The faint lines show a world where nothing was cut.", "点击虚线数据链接将其切断，然后按“播放”。浅色线表示没有任何中断的世界。"),
    ("play", "Play", "播放"),
    ("pause", "Pause", "暂停"),
    ("step", "Step 1 hour", "前进1小时"),
    ("reset", "Reset", "重置"),
    ("speed", "Speed", "速度"),
    ("timeline", "Simulated time", "模拟时间"),
    ("clock", "Beijing time", "北京时间"),
    ("network", "Parcel network", "包裹网络"),
    ("network_desc", "Platforms hand parcels to couriers, couriers deliver to buyers. Dashed lines are data links: tracking goes from couriers through Cainiao to Taobao.", "平台把包裹交给快递，快递送到买家。虚线是数据链接：物流信息从快递经菜鸟传到淘宝。"),
    ("links", "Data links", "数据链接"),
    ("connected", "connected", "已连接"),
    ("cut", "cut", "已切断"),
    ("chart_share", "SF Express market share", "顺丰市场份额"),
    ("chart_share_y", "share of parcels, last 24 h (%)", "近24小时包裹份额（%）"),
    ("chart_sharediff", "Who gains and who loses: share vs. no cuts", "谁得谁失：份额与无中断相比"),
    ("chart_sharediff_y", "percentage points vs. no cuts", "与无中断相比（百分点）"),
    ("chart_time", "Door-to-door time", "全程时限"),
    ("chart_time_y", "hours", "小时"),
    ("chart_untracked", "Untracked parcels and inquiries", "无法追踪的包裹与咨询"),
    ("chart_untracked_y", "millions", "百万"),
    ("chart_lost", "Lost sales and spoiled fresh parcels", "流失订单与变质生鲜"),
    ("chart_lost_y", "thousands per hour", "千/小时"),
    ("run", "this run", "本次模拟"),
    ("baseline", "no cuts (baseline)", "无中断（基准）"),
    ("mean", "mean", "平均"),
    ("p90", "90th percentile", "90分位"),
    ("untracked", "untracked parcels", "无法追踪包裹"),
    ("inquiries", "inquiries per hour", "每小时咨询"),
    ("lost", "lost orders", "流失订单"),
    ("spoiled", "spoiled fresh", "变质生鲜"),
    ("sf_share", "SF share", "顺丰份额"),
    ("transit", "Mean delivery time", "平均配送时间"),
    ("events", "Event log", "事件记录"),
    ("no_events", "Nothing has happened yet. Cut a link or press Play.", "尚无事件。切断一个链接或按“播放”。"),
    ("vs_baseline", "vs. no cuts", "相对无中断"),
    ("error_title", "Something went wrong", "出错了"),
    ("error_body", "The simulation stopped because of an internal error. Your link still holds the scenario; reloading starts it again.", "模拟因内部错误停止。您的链接仍保存着场景，重新加载即可再次开始。"),
    ("reload", "Reload", "重新加载"),
    ("language", "中文", "English"),
    ("language_label", "Switch language to Chinese", "切换到英文"),
    ("platforms", "Platforms", "平台"),
    ("couriers", "Couriers", "快递公司"),
    ("buyers", "Buyers", "买家"),
    ("cainiao", "Cainiao data network (tracking)", "菜鸟数据网络（物流信息）"),
    ("hivebox", "Hive Box lockers", "丰巢快递柜"),
    ("legend_parcels", "parcels (solid line)", "包裹（实线）"),
    ("legend_data", "data link (dashed line)", "数据链接（虚线）"),
    ("legend_untracked", "filled square = tracked parcel, hollow square = untracked", "实心方块 = 可追踪包裹，空心方块 = 无法追踪"),
    ("scenario", "Scenario", "场景"),
    ("parameters", "Parameters", "参数"),
    ("range", "range", "范围"),
    ("copy_link", "Copy link", "复制链接"),
    ("open_full", "Open in the full app ↗", "在完整应用中打开 ↗"),
    ("embed", "Embed", "嵌入"),
    ("embed_help", "Paste this into your article to show the simulation in its current state. Your page can drive it with the host API (see docs/embed.md).", "把这段代码粘贴到文章中，即可按当前状态展示模拟。页面可以通过宿主接口控制它（见 docs/embed.md）。"),
    ("embed_code", "Embed code", "嵌入代码"),
    ("copy", "Copy", "复制"),
    ("link_copied", "Link copied", "链接已复制"),
    ("default", "default", "默认"),
    ("reset_defaults", "Reset to defaults", "恢复默认值"),
    ("params_help", "A change applies to the whole run: the simulation and its no-cuts baseline are recomputed from the start, then return to the current hour. [approx] marks an assumption, not a published figure.", "修改作用于整个模拟：模拟及其无中断基准会从头重新计算，再回到当前时刻。[approx] 表示假设值，而非公开数据。"),
    ("ignored", "Some parts of the link could not be used", "链接中有部分内容无法使用"),
    ("dismiss", "Dismiss", "关闭"),
    ("more_links", "More links", "更多链接"),
    ("markers", "Scenario events on the timeline", "时间轴上的场景事件"),
    ("data_table", "Data table", "数据表"),
    ("story", "Story: June 2017", "故事：2017年6月"),
    ("start_story", "Guided story", "引导故事"),
    ("exit_story", "Leave the story", "退出故事"),
    ("step_n", "Step", "步骤"),
    ("back", "Back", "上一步"),
    ("next", "Next", "下一步"),
    ("sandbox", "Explore freely", "自由探索"),
    ("predict", "Predict:", "预测："),
    ("reveal", "Reveal", "揭晓"),
    ("source", "Source", "来源"),
    ("presenter", "Presenter mode", "演示模式"),
    ("shortcuts", "Keyboard shortcuts", "键盘快捷键"),
    ("key_space", "Play or pause", "播放或暂停"),
    ("key_arrows", "Step one hour back or forward (in the story: previous or next step)", "后退或前进一小时（故事中：上一步或下一步）"),
    ("key_r", "Reset", "重置"),
    ("key_f", "Full screen", "全屏"),
    ("key_p", "Presenter mode on or off", "开关演示模式"),
    ("key_s", "Start or leave the guided story", "开始或退出引导故事"),
    ("key_help", "Show this help", "显示本帮助"),
    ("key_esc", "Close this help", "关闭本帮助"),
    ("close", "Close", "关闭"),
    ("help", "Keyboard help (?)", "键盘帮助（?）"),
    ("exports", "Export", "导出"),
    ("export_csv", "All series (CSV)", "全部数据（CSV）"),
    ("export_network", "Network picture (PNG)", "网络图（PNG）"),
    ("export_charts", "Charts (PNG)", "图表（PNG）"),
    ("save_setup", "Save set-up", "保存设置"),
    ("load_setup", "Load set-up", "载入设置"),
    ("load_failed", "The file was not loaded", "文件未载入"),
];

/// Units of the model's parameters: (unit, Chinese).
pub const UNITS: &[(&str, &str)] = &[
    ("M parcels/day", "百万件/天"),
    ("agents", "个智能体"),
    ("days", "天"),
    ("fraction", "比例"),
    ("fraction/year", "比例/年"),
    ("h", "小时"),
    ("per parcel per day", "次/件/天"),
    ("share", "份额"),
    ("utility", "效用"),
    ("utility/h", "效用/小时"),
    ("yuan/parcel", "元/件"),
    ("×", "倍"),
    ("σ (log)", "σ（对数）"),
    ("× per yuan", "倍/元"),
    ("× per 100 yuan-days", "倍/100元·天"),
    ("utility/yuan", "效用/元"),
    ("utility per 100 yuan-days", "效用/100元·天"),
    ("yuan/inquiry", "元/次咨询"),
    ("yuan", "元"),
    ("per day", "次/天"),
    ("hour of day", "时刻（点）"),
    ("h/day", "小时/天"),
];

/// A parameter's unit in the interface language.
pub fn unit(lang: Lang, u: &str) -> String {
    match lang {
        Lang::En => u.to_string(),
        Lang::Zh => UNITS.iter().find(|(e, _)| *e == u).map(|(_, z)| z.to_string()).unwrap_or_else(|| u.to_string()),
    }
}

pub fn t(lang: Lang, key: &str) -> &'static str {
    for (k, en, zh) in STRINGS {
        if *k == key {
            return match lang {
                Lang::En => en,
                Lang::Zh => zh,
            };
        }
    }
    // a missing key is a programming error, caught by the tests below; show the key, never panic
    "?"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_unit_is_translated() {
        for s in crate::model::params::specs() {
            assert!(UNITS.iter().any(|(u, z)| *u == s.unit && !z.is_empty()), "unit '{}' of {} has no Chinese", s.unit, s.name);
        }
    }

    #[test]
    fn every_key_used_in_the_view_exists() {
        // scan the view's sources for t(lang, "key") calls
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/view");
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for pat in ["t(lang, \"", "t(self.lang, \"", "t(props.lang, \"", "t(p.lang, \""] {
                for part in text.split(pat).skip(1) {
                    let key = part.split('"').next().unwrap();
                    assert!(STRINGS.iter().any(|(k, _, _)| *k == key), "missing translation key '{key}'");
                }
            }
        }
    }

    #[test]
    fn every_string_has_both_languages_and_keys_are_unique() {
        for (i, (k, en, zh)) in STRINGS.iter().enumerate() {
            assert!(!en.is_empty() && !zh.is_empty(), "{k}");
            assert!(STRINGS[i + 1..].iter().all(|x| x.0 != *k), "{k} twice");
        }
    }
}
