//! Realistic, varied inspection records for the 工贸 standard (`rulesets/industry-trade.hjl`
//! with `rulesets/common.hjl`), deterministic for a seed.
//!
//! Each record is one enterprise of one of the eight 工贸 sectors (weighted towards
//! metallurgy, nonferrous and machinery), inspected on a date in 2024–2025, with the common
//! facts (enterprise, key personnel, special-operation workers, contractors), its sector's
//! facts, and the special topics (dust explosion, ammonia refrigeration, confined spaces)
//! that concern it. Lists hold 0–6 elements. Most facts are present and compliant; each
//! record has its own hazard rate (0–6 % of the facts that can be non-compliant, some
//! records none at all) and its own omission rate (2–8 %, about 5 % on average), so some
//! clauses fire and some are undetermined. Boundary values (a certificate expiring on the
//! inspection day, a seal pressure of exactly 30 kPa, nine workers in a freezing room) occur
//! on purpose.
//!
//! Keys are exactly the declared facts and list fields; enums are written by variant name,
//! quantities as plain numbers in the declared unit (kPa), dates as `YYYY-MM-DD`.

use chrono::{Days, NaiveDate};
use fastrand::Rng;
use serde_json::{Map, Value};

type Obj = Map<String, Value>;

/// `count` records as JSON texts, the same for the same `seed`.
pub fn records(seed: u64, count: usize) -> Vec<String> {
    let mut rng = Rng::with_seed(seed);
    (0..count)
        .map(|_| {
            let mut g = Gen::new(rng.fork());
            Value::Object(g.record()).to_string()
        })
        .collect()
}

/// The 工贸 sectors and their weights in the generated mix.
const SECTORS: &[(&str, u32)] = &[
    ("metallurgy", 20),
    ("nonferrous", 18),
    ("machinery", 18),
    ("building_materials", 10),
    ("light_industry", 13),
    ("textile", 9),
    ("tobacco", 4),
    ("commerce", 8),
];

const CITIES: &[&str] = &[
    "唐山",
    "邯郸",
    "鞍山",
    "包头",
    "马鞍山",
    "攀枝花",
    "洛阳",
    "株洲",
    "柳州",
    "佛山",
    "无锡",
    "常州",
    "宁波",
    "绍兴",
    "泉州",
    "东莞",
    "南通",
    "淄博",
    "潍坊",
    "襄阳",
    "宜宾",
    "遵义",
];
const WORDS: &[&str] = &[
    "华兴", "宏达", "鑫源", "金泰", "永盛", "恒通", "瑞丰", "中联", "新天", "盛达", "汇丰", "东方",
    "海螺", "龙腾", "嘉禾", "开元",
];
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    "建国", "志强", "海燕", "晓东", "春生",
];
const OPERATIONS: &[&str] = &[
    "电工作业",
    "焊接与热切割作业",
    "高处作业",
    "制冷与空调作业",
    "冶金（有色）生产安全作业",
    "危险化学品安全作业",
];

struct Gen {
    rng: Rng,
    /// Probability that a fact that can be non-compliant is.
    hazard: f64,
    /// Probability that a fact is omitted.
    omit: f64,
    /// The inspection date.
    date: NaiveDate,
}

impl Gen {
    fn new(mut rng: Rng) -> Self {
        let hazard = if rng.f64() < 0.15 {
            0.0
        } else {
            0.005 + rng.f64() * 0.055
        };
        let omit = 0.02 + rng.f64() * 0.06;
        let start = NaiveDate::from_ymd_opt(2024, 1, 1).expect("valid date");
        let date = start + Days::new(rng.u64(0..731));
        Self {
            rng,
            hazard,
            omit,
            date,
        }
    }

    // ------------------------------------------------------------------ primitives

    fn chance(&mut self, p: f64) -> bool {
        self.rng.f64() < p
    }

    fn hazardous(&mut self) -> bool {
        self.chance(self.hazard)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.usize(..items.len())]
    }

    fn weighted(&mut self, items: &[(&'static str, u32)]) -> &'static str {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut n = self.rng.u32(..total);
        for (item, w) in items {
            if n < *w {
                return item;
            }
            n -= w;
        }
        items[0].0
    }

    /// A list length in `lo..=hi`, most often near the middle.
    fn len(&mut self, lo: usize, hi: usize) -> usize {
        let a = self.rng.usize(lo..=hi);
        let b = self.rng.usize(lo..=hi);
        (a + b) / 2
    }

    /// A compliance fact whose compliant value is `good`.
    fn ok(&mut self, good: bool) -> Value {
        Value::Bool(if self.hazardous() { !good } else { good })
    }

    /// A descriptive fact, true with probability `p`.
    fn flag(&mut self, p: f64) -> Value {
        Value::Bool(self.chance(p))
    }

    /// A required device: working, or (at the hazard rate) absent, failed or ineffective.
    fn fac(&mut self) -> Value {
        let state = if self.hazardous() {
            self.weighted(&[("absent", 55), ("failed", 30), ("ineffective", 15)])
        } else {
            "working"
        };
        Value::from(state)
    }

    /// A device the situation does not require: mostly absent, sometimes present.
    fn optional_fac(&mut self) -> Value {
        Value::from(self.weighted(&[("absent", 60), ("working", 35), ("failed", 5)]))
    }

    fn text(&mut self, items: &[&str]) -> Value {
        Value::from(self.pick(items))
    }

    fn date_text(d: NaiveDate) -> Value {
        Value::from(d.format("%Y-%m-%d").to_string())
    }

    fn person(&mut self) -> Value {
        let s = self.pick(SURNAMES);
        let g = self.pick(GIVEN);
        Value::from(format!("{s}{g}"))
    }

    /// A pressure in kPa with at most one decimal.
    fn kpa(x: f64) -> Value {
        Value::from((x * 10.0).round() / 10.0)
    }

    /// Sets `key`, or (at the omission rate) leaves it out or writes null.
    fn put(&mut self, obj: &mut Obj, key: &str, value: Value) {
        if self.chance(self.omit) {
            if self.chance(0.25) {
                obj.insert(key.to_owned(), Value::Null);
            }
            return;
        }
        obj.insert(key.to_owned(), value);
    }

    /// A list of `lo..=hi` elements; the list itself is omitted at a third of the rate.
    fn list(
        &mut self,
        obj: &mut Obj,
        key: &str,
        lo: usize,
        hi: usize,
        mut element: impl FnMut(&mut Self) -> Obj,
    ) {
        let n = self.len(lo, hi);
        let items: Vec<Value> = (0..n).map(|_| Value::Object(element(self))).collect();
        if self.chance(self.omit / 3.0) {
            return;
        }
        obj.insert(key.to_owned(), Value::Array(items));
    }

    // ------------------------------------------------------------------ the record

    fn record(&mut self) -> Obj {
        let mut rec = Obj::new();
        let mut inspection = Obj::new();
        inspection.insert("date".to_owned(), Self::date_text(self.date));
        rec.insert("inspection".to_owned(), Value::Object(inspection));

        let sector = self.weighted(SECTORS);
        rec.insert(
            "enterprise".to_owned(),
            Value::Object(self.enterprise(sector)),
        );
        self.people(&mut rec, sector);

        let body = match sector {
            "metallurgy" => self.metallurgy(),
            "nonferrous" => self.nonferrous(),
            "building_materials" => self.building_materials(),
            "machinery" => self.machinery(),
            "light_industry" => self.light_industry(),
            "textile" => self.textile(),
            "tobacco" => self.tobacco(),
            _ => Obj::new(),
        };
        if !body.is_empty() {
            rec.insert(sector.to_owned(), Value::Object(body));
        }

        let dust_risk = match sector {
            "machinery" => 0.35,
            "light_industry" => 0.45,
            "textile" => 0.4,
            "nonferrous" => 0.3,
            "tobacco" => 0.35,
            "building_materials" => 0.25,
            "metallurgy" => 0.12,
            _ => 0.06,
        };
        let dust = self.dust(sector, dust_risk);
        rec.insert("dust".to_owned(), Value::Object(dust));

        let ammonia_risk = match sector {
            "light_industry" => 0.35,
            "commerce" => 0.45,
            "tobacco" => 0.05,
            _ => 0.03,
        };
        let ammonia = self.ammonia(ammonia_risk);
        rec.insert("ammonia".to_owned(), Value::Object(ammonia));

        let confined = self.confined_space();
        rec.insert("confined_space".to_owned(), Value::Object(confined));
        rec
    }

    fn enterprise(&mut self, sector: &str) -> Obj {
        let mut e = Obj::new();
        let suffix = match sector {
            "metallurgy" => "钢铁",
            "nonferrous" => "铝业",
            "building_materials" => "建材",
            "machinery" => "机械制造",
            "light_industry" => "轻工",
            "textile" => "纺织印染",
            "tobacco" => "卷烟",
            _ => "商贸物流",
        };
        let city = self.pick(CITIES);
        let word = self.pick(WORDS);
        e.insert(
            "name".to_owned(),
            Value::from(format!("{city}{word}{suffix}有限公司")),
        );
        let code: String = (0..9)
            .map(|_| self.pick(b"0123456789ABCDEFGHJKLMNPQRTUWXY".as_slice()) as char)
            .collect();
        let region = self.rng.u32(110_000..660_000);
        let check = self.rng.u32(0..10);
        self.put(
            &mut e,
            "credit_code",
            Value::from(format!("91{region}{code}{check}")),
        );
        if self.chance(0.005) {
            // Rarely the sector itself is not recorded: the whole standard is undetermined.
        } else {
            e.insert("sector".to_owned(), Value::from(sector));
        }
        let smelting = match sector {
            "metallurgy" => 0.92,
            "nonferrous" => 0.8,
            "machinery" => 0.3,
            _ => 0.0,
        };
        let v = self.flag(smelting);
        self.put(&mut e, "metal_smelting", v);
        let v = self.flag(0.9);
        self.put(&mut e, "in_production", v);
        e
    }

    fn people(&mut self, rec: &mut Obj, sector: &str) {
        let managers = self.len(1, 4);
        let mut people = Vec::new();
        for i in 0..=managers {
            let mut p = Obj::new();
            let name = self.person();
            self.put(&mut p, "name", name);
            let role = if i == 0 {
                "principal"
            } else {
                "safety_manager"
            };
            self.put(&mut p, "role", Value::from(role));
            let v = self.ok(true);
            self.put(&mut p, "assessment_passed", v);
            people.push(Value::Object(p));
        }
        if !self.chance(self.omit / 3.0) {
            rec.insert("key_personnel".to_owned(), Value::Array(people));
        }

        let date = self.date;
        let metal = matches!(sector, "metallurgy" | "nonferrous");
        self.list(rec, "special_operation_workers", 0, 6, |g| {
            let mut w = Obj::new();
            let name = g.person();
            g.put(&mut w, "name", name);
            let op = if metal && g.chance(0.4) {
                Value::from("冶金（有色）生产安全作业")
            } else {
                g.text(OPERATIONS)
            };
            g.put(&mut w, "operation", op);
            let v = g.flag(0.85);
            g.put(&mut w, "on_duty", v);
            let v = g.ok(true);
            g.put(&mut w, "trained", v);
            let v = g.ok(true);
            g.put(&mut w, "certified", v);
            let until = if g.hazardous() {
                date - Days::new(g.rng.u64(1..400))
            } else if g.chance(0.05) {
                date
            } else {
                date + Days::new(g.rng.u64(1..2000))
            };
            g.put(&mut w, "certificate_valid_until", Self::date_text(until));
            w
        });

        self.list(rec, "contractors", 0, 4, |g| {
            let mut c = Obj::new();
            let city = g.pick(CITIES);
            let word = g.pick(WORDS);
            let kind = g.pick(&["安装工程", "物流", "劳务", "设备维修", "仓储"]);
            g.put(
                &mut c,
                "name",
                Value::from(format!("{city}{word}{kind}有限公司")),
            );
            let rel = g.pick(&["contractor", "contractor", "lessee"]);
            g.put(&mut c, "relation", Value::from(rel));
            let v = g.ok(true);
            g.put(&mut c, "unified_management", v);
            let v = g.ok(true);
            g.put(&mut c, "periodic_inspection", v);
            c
        });
    }

    // ------------------------------------------------------------------ 冶金

    fn metallurgy(&mut self) -> Obj {
        let mut m = Obj::new();
        self.list(&mut m, "gathering_rooms", 1, 6, Self::gathering_room);
        self.list(&mut m, "ladle_repair_stations", 0, 3, |g| {
            let mut s = Obj::new();
            let kind = g.text(&["cold", "hot"]);
            g.put(&mut s, "kind", kind);
            let v = g.ok(false);
            g.put(&mut s, "in_lifting_bay", v);
            s
        });
        self.list(&mut m, "water_areas", 1, 6, |g| {
            let mut a = Obj::new();
            let kind = g.text(&[
                "accident_pit",
                "slag_pit",
                "furnace_front",
                "furnace_base",
                "lifting_passage",
                "transport_passage",
            ]);
            g.put(&mut a, "kind", kind);
            let v = g.flag(0.6);
            g.put(&mut a, "in_splash_range", v);
            let v = g.ok(false);
            g.put(&mut a, "standing_water", v);
            a
        });
        self.list(&mut m, "casting_lines", 1, 3, |g| {
            let mut l = Obj::new();
            let continuous = g.chance(0.75);
            let route = if continuous { "continuous" } else { "ingot" };
            g.put(&mut l, "route", Value::from(route));
            let v = g.fac();
            g.put(&mut l, "emergency_ladle", v);
            for key in [
                "tundish_breakout_pit",
                "tundish_overflow_pit",
                "breakout_chute",
            ] {
                let v = if continuous {
                    g.fac()
                } else {
                    g.optional_fac()
                };
                g.put(&mut l, key, v);
            }
            l
        });
        self.list(&mut m, "steelmaking_furnaces", 1, 4, |g| {
            let mut f = Obj::new();
            let kind = g.text(&["converter", "eaf", "aod", "lf", "rh", "vod", "other"]);
            g.put(&mut f, "kind", kind);
            for key in ["outlet_temp_alarm", "flow_diff_alarm", "safety_interlock"] {
                let v = g.fac();
                g.put(&mut f, key, v);
            }
            f
        });
        self.list(&mut m, "blast_furnaces", 0, 3, |g| {
            let mut b = Obj::new();
            let v = g.flag(0.9);
            g.put(&mut b, "in_production", v);
            let design = g.pick(&[200.0, 220.0, 245.0, 250.0, 280.0, 300.0]);
            let setpoint = if g.hazardous() {
                design + 0.5 + g.f64_in(0.0, 20.0)
            } else if g.chance(0.08) {
                design
            } else {
                design - 5.0 - g.f64_in(0.0, 35.0)
            };
            g.put(&mut b, "top_pressure_setpoint", Self::kpa(setpoint));
            g.put(&mut b, "design_max_top_pressure", Self::kpa(design));
            let v = g.fac();
            g.put(&mut b, "bleeder_interlock", v);
            let equipment = design + g.pick(&[20.0, 30.0, 40.0, 50.0]);
            let bleeder = if g.hazardous() {
                equipment + 0.5 + g.f64_in(0.0, 15.0)
            } else if g.chance(0.08) {
                equipment
            } else {
                equipment - 2.0 - g.f64_in(0.0, 25.0)
            };
            g.put(&mut b, "bleeder_setpoint", Self::kpa(bleeder));
            g.put(&mut b, "equipment_design_pressure", Self::kpa(equipment));
            b
        });
        let gas = self.chance(0.8);
        self.put(&mut m, "coal_gas_facilities", Value::Bool(gas));
        if gas {
            self.list(&mut m, "co_monitoring_points", 1, 6, |g| {
                let mut p = Obj::new();
                let kind = g.text(&[
                    "meeting",
                    "activity",
                    "rest",
                    "operating",
                    "handover",
                    "changing",
                    "leak_point",
                    "leak_point",
                ]);
                g.put(&mut p, "kind", kind);
                let v = g.fac();
                g.put(&mut p, "co_alarm", v);
                let v = g.ok(true);
                g.put(&mut p, "data_to_manned_post", v);
                p
            });
            self.list(&mut m, "gas_isolation_points", 1, 5, |g| {
                let mut p = Obj::new();
                let kind = g.text(&[
                    "heating_furnace",
                    "gas_holder",
                    "dust_collector",
                    "booster",
                    "roaster",
                    "other_facility",
                    "workshop_inlet",
                ]);
                g.put(&mut p, "kind", kind);
                let v = g.fac();
                g.put(&mut p, "isolation_device", v);
                p
            });
            self.list(&mut m, "gas_drainers", 1, 6, Self::gas_drainer);
        }
        m
    }

    /// A room where people gather near a lifting bay (冶金 and 有色 list the same six kinds).
    fn gathering_room(&mut self) -> Obj {
        let mut r = Obj::new();
        let kind = self.text(&[
            "meeting",
            "activity",
            "rest",
            "operating",
            "handover",
            "changing",
        ]);
        self.put(&mut r, "kind", kind);
        let v = self.ok(false);
        self.put(&mut r, "in_lifting_bay", v);
        r
    }

    fn f64_in(&mut self, lo: f64, hi: f64) -> f64 {
        lo + self.rng.f64() * (hi - lo)
    }

    fn gas_drainer(&mut self) -> Obj {
        let mut d = Obj::new();
        let v = self.flag(0.7);
        self.put(&mut d, "positive_pressure_line", v);
        let v = self.flag(0.8);
        self.put(&mut d, "water_seal", v);
        let pressure = if self.hazardous() {
            self.f64_in(15.0, 29.9)
        } else if self.chance(0.1) {
            30.0
        } else {
            self.f64_in(30.1, 60.0)
        };
        self.put(&mut d, "max_seal_pressure", Self::kpa(pressure));
        for key in [
            "shared_across_isolation",
            "upper_pipe_interconnected",
            "shared_by_media",
        ] {
            let v = self.ok(false);
            self.put(&mut d, key, v);
        }
        d
    }

    // ------------------------------------------------------------------ 有色

    fn nonferrous(&mut self) -> Obj {
        let mut n = Obj::new();
        self.list(&mut n, "gathering_rooms", 1, 6, Self::gathering_room);
        self.list(&mut n, "water_areas", 1, 6, |g| {
            let mut a = Obj::new();
            let kind = g.text(&[
                "accident_pit",
                "slag_pit",
                "furnace_front",
                "furnace_base",
                "lifting_passage",
                "transport_passage",
            ]);
            g.put(&mut a, "kind", kind);
            let v = g.flag(0.6);
            g.put(&mut a, "in_splash_range", v);
            let water = if g.hazardous() {
                "non_production"
            } else if g.chance(0.2) {
                "production"
            } else {
                "dry"
            };
            g.put(&mut a, "water", Value::from(water));
            a
        });
        self.list(&mut n, "casting_furnaces", 1, 4, |g| {
            let mut f = Obj::new();
            let kind = g.pick(&[
                "tilting_melting",
                "tilting_holding",
                "tilting_melt_hold",
                "fixed_melting_with_holding",
                "fixed_melting",
                "fixed_holding",
                "other",
            ]);
            g.put(&mut f, "kind", Value::from(kind));
            let exempt = kind.starts_with("tilting") || kind == "fixed_melting_with_holding";
            for key in ["emergency_discharge", "emergency_storage"] {
                let v = if exempt { g.optional_fac() } else { g.fac() };
                g.put(&mut f, key, v);
            }
            f
        });
        self.list(&mut n, "water_cooled_units", 1, 5, |g| {
            let mut u = Obj::new();
            let kind = g.pick(&[
                "smelting_furnace",
                "casting_machine",
                "heating_furnace",
                "dc_crystallizer",
            ]);
            g.put(&mut u, "kind", Value::from(kind));
            let v = if kind == "dc_crystallizer" {
                g.optional_fac()
            } else {
                g.fac()
            };
            g.put(&mut u, "emergency_water", v);
            u
        });
        self.list(&mut n, "cooling_elements", 1, 6, |g| {
            let mut e = Obj::new();
            let closed = g.chance(0.7);
            let circuit = if closed { "closed" } else { "open" };
            g.put(&mut e, "circuit", Value::from(circuit));
            for key in ["outlet_temp_alarm", "flow_diff_alarm"] {
                let v = if closed { g.fac() } else { g.optional_fac() };
                g.put(&mut e, key, v);
            }
            for key in [
                "inlet_flow_alarm",
                "inlet_pressure_alarm",
                "outlet_temp_monitoring",
            ] {
                let v = if closed { g.optional_fac() } else { g.fac() };
                g.put(&mut e, key, v);
            }
            e
        });
        if self.chance(0.45) {
            self.list(&mut n, "dc_casting_lines", 1, 3, |g| {
                let mut l = Obj::new();
                let fixed = g.chance(0.5);
                let furnace = if fixed { "fixed" } else { "tilting" };
                g.put(&mut l, "furnace", Value::from(furnace));
                for key in [
                    "mould_inlet_pressure_alarm",
                    "mould_inlet_flow_alarm",
                    "cooling_interlock_valves",
                    "outlet_launder_level_alarm",
                    "junction_level_alarm",
                    "junction_shutoff",
                    "junction_interlock_shutoff",
                ] {
                    let v = g.fac();
                    g.put(&mut l, key, v);
                }
                for key in [
                    "outlet_mechanical_lock",
                    "launder_emergency_valve",
                    "junction_interlock_discharge",
                ] {
                    let v = if fixed { g.fac() } else { g.optional_fac() };
                    g.put(&mut l, key, v);
                }
                for key in ["cooling_interlock_tilting", "junction_interlock_tilt"] {
                    let v = if fixed { g.optional_fac() } else { g.fac() };
                    g.put(&mut l, key, v);
                }
                let core = if g.hazardous() { "non_steel" } else { "steel" };
                g.put(&mut l, "hoist_rope_core", Value::from(core));
                let v = g.ok(true);
                g.put(&mut l, "rope_inspection_implemented", v);
                l
            });
        }
        self.list(&mut n, "toxic_gas_points", 0, 5, |g| {
            let mut p = Obj::new();
            let gas = g.pick(&["co", "co", "arsine", "chlorine", "h2s"]);
            g.put(&mut p, "gas", Value::from(gas));
            if gas == "arsine" && g.chance(0.4) {
                // Equivalent detection instead of a fixed alarm.
                g.put(&mut p, "fixed_alarm", Value::from("absent"));
                let v = g.ok(true);
                g.put(&mut p, "equivalent_detection", v);
                let v = g.flag(0.5);
                g.put(&mut p, "data_to_manned_post", v);
            } else {
                let v = g.fac();
                g.put(&mut p, "fixed_alarm", v);
                let v = g.ok(true);
                g.put(&mut p, "data_to_manned_post", v);
                let v = g.flag(0.2);
                g.put(&mut p, "equivalent_detection", v);
            }
            p
        });
        self.list(&mut n, "gas_burners", 0, 4, |g| {
            let mut b = Obj::new();
            let forced = g.chance(0.7);
            g.put(&mut b, "forced_air", Value::Bool(forced));
            for key in ["main_pressure_alarm", "shutoff_interlock"] {
                let v = if forced { g.fac() } else { g.optional_fac() };
                g.put(&mut b, key, v);
            }
            b
        });
        if self.chance(0.5) {
            self.list(&mut n, "gas_drainers", 1, 4, Self::gas_drainer);
        }
        n
    }

    // ------------------------------------------------------------------ 建材

    fn building_materials(&mut self) -> Obj {
        let mut b = Obj::new();
        let kind = self.weighted(&[("cement", 50), ("glass", 25), ("fused", 12), ("other", 13)]);
        if kind == "cement" {
            self.list(&mut b, "coal_mill_units", 1, 4, |g| {
                let mut u = Obj::new();
                let k = g.text(&["bag_filter", "coal_bin"]);
                g.put(&mut u, "kind", k);
                for key in ["temperature_alarm", "co_alarm", "gas_extinguisher"] {
                    let v = g.fac();
                    g.put(&mut u, key, v);
                }
                u
            });
            if self.chance(0.25) {
                self.list(&mut b, "carbide_slag_silos", 1, 2, |g| {
                    let mut s = Obj::new();
                    for key in ["combustible_gas_alarm", "ventilation_interlock"] {
                        let v = g.fac();
                        g.put(&mut s, key, v);
                    }
                    s
                });
            }
        }
        if kind == "cement" || kind == "other" {
            self.list(&mut b, "silo_cleaning_jobs", 0, 3, |g| {
                let mut j = Obj::new();
                for key in ["fall_measures", "collapse_measures"] {
                    let v = g.ok(true);
                    g.put(&mut j, key, v);
                }
                j
            });
        }
        self.list(&mut b, "entries", 0, 5, |g| {
            let mut e = Obj::new();
            let t = g.text(&[
                "silo",
                "kiln",
                "cyclone",
                "calciner",
                "shaft_kiln",
                "grate_cooler",
                "mill",
                "crusher",
            ]);
            g.put(&mut e, "target", t);
            for key in [
                "equipment_isolated",
                "inflow_isolated",
                "fall_collapse_measures",
            ] {
                let v = g.ok(true);
                g.put(&mut e, key, v);
            }
            e
        });
        if kind != "cement" || self.chance(0.3) {
            self.list(&mut b, "gas_kilns", 1, 3, |g| {
                let mut k = Obj::new();
                let premixed = g.chance(0.55);
                g.put(&mut k, "premixed", Value::Bool(premixed));
                let v = g.flag(0.15);
                g.put(&mut k, "hot_producer_gas", v);
                for key in ["main_pressure_alarm", "shutoff_interlock"] {
                    let v = if premixed { g.fac() } else { g.optional_fac() };
                    g.put(&mut k, key, v);
                }
                k
            });
        }
        self.list(&mut b, "gas_rooms", 0, 3, |g| {
            let mut r = Obj::new();
            let k = g.text(&["hydrogen_station", "n2h2_mixing", "fuel_gas_mixing"]);
            g.put(&mut r, "kind", k);
            let v = g.fac();
            g.put(&mut r, "combustible_gas_alarm", v);
            r
        });
        if kind == "fused" {
            self.list(&mut b, "fused_cast_furnaces", 1, 4, |g| {
                let mut f = Obj::new();
                let v = g.fac();
                g.put(&mut f, "water_cooling", v);
                f
            });
        }
        if kind == "glass" {
            self.list(&mut b, "glass_cooling_systems", 1, 5, |g| {
                let mut s = Obj::new();
                let e = g.text(&["glass_furnace", "tin_bath", "other"]);
                g.put(&mut s, "equipment", e);
                let m = g.text(&["water", "air"]);
                g.put(&mut s, "medium", m);
                let v = g.fac();
                g.put(&mut s, "alarm", v);
                s
            });
        }
        b
    }

    // ------------------------------------------------------------------ 机械

    fn machinery(&mut self) -> Obj {
        let mut m = Obj::new();
        let foundry = self.chance(0.6);
        self.list(&mut m, "gathering_rooms", 0, 5, |g| {
            let mut r = Obj::new();
            let kind = g.pick(&[
                "meeting",
                "activity",
                "rest",
                "changing",
                "handover",
                "operating",
            ]);
            g.put(&mut r, "kind", Value::from(kind));
            // Operating rooms in the bay are not one of the five classes.
            let v = if kind == "operating" {
                g.flag(0.5)
            } else {
                g.ok(false)
            };
            g.put(&mut r, "in_bay", v);
            r
        });
        if foundry {
            self.list(&mut m, "foundry_furnaces", 1, 4, |g| {
                let mut f = Obj::new();
                let k = g.text(&["melting", "refining", "holding"]);
                g.put(&mut f, "kind", k);
                for key in ["emergency_discharge", "emergency_storage"] {
                    let v = g.fac();
                    g.put(&mut f, key, v);
                }
                f
            });
            self.list(&mut m, "water_areas", 1, 6, |g| {
                let mut a = Obj::new();
                let k = g.text(&[
                    "furnace_bottom",
                    "furnace_pit",
                    "accident_pit",
                    "furnace_front",
                    "furnace_base",
                    "moulding_pit",
                    "pouring_pit",
                    "transfer_passage",
                ]);
                g.put(&mut a, "kind", k);
                let v = g.flag(0.6);
                g.put(&mut a, "in_splash_range", v);
                let v = g.ok(false);
                g.put(&mut a, "standing_water", v);
                a
            });
        }
        self.list(&mut m, "cooling_systems", 0, 4, |g| {
            let mut s = Obj::new();
            let k = g.text(&["melting", "refining", "die_casting", "oxygen_lance"]);
            g.put(&mut s, "kind", k);
            for key in ["outlet_temp_alarm", "flow_diff_alarm", "control_interlock"] {
                let v = g.fac();
                g.put(&mut s, key, v);
            }
            s
        });
        self.list(&mut m, "gas_burners", 0, 3, |g| {
            let mut b = Obj::new();
            for key in [
                "main_pressure_alarm",
                "shutoff_interlock",
                "flame_protection",
            ] {
                let v = g.fac();
                g.put(&mut b, key, v);
            }
            b
        });
        let v = self.flag(0.4);
        self.put(&mut m, "solvent_cleaning", v);
        let v = self.ok(true);
        self.put(&mut m, "solvent_vapour_control", v);
        self.list(&mut m, "paint_rooms", 0, 4, Self::paint_room);
        m
    }

    fn paint_room(&mut self) -> Obj {
        let mut p = Obj::new();
        let k = self.text(&["mixing", "spraying"]);
        self.put(&mut p, "kind", k);
        let solvent = self.chance(0.6);
        self.put(&mut p, "non_waterborne", Value::Bool(solvent));
        for key in ["combustible_gas_alarm", "ventilation"] {
            let v = if solvent {
                self.fac()
            } else {
                self.optional_fac()
            };
            self.put(&mut p, key, v);
        }
        p
    }

    // ------------------------------------------------------------------ 轻工

    fn light_industry(&mut self) -> Obj {
        let mut l = Obj::new();
        let kind = self.weighted(&[
            ("food", 30),
            ("baijiu", 15),
            ("paper", 12),
            ("glass", 12),
            ("ceramics", 10),
            ("battery", 10),
            ("furniture", 11),
        ]);
        let glass = kind == "glass";
        let ceramics = kind == "ceramics" || (glass && self.chance(0.1));
        self.put(&mut l, "food_manufacturing", Value::Bool(kind == "food"));
        self.put(&mut l, "pulp_paper", Value::Bool(kind == "paper"));
        self.put(&mut l, "daily_glass", Value::Bool(glass));
        self.put(&mut l, "ceramics", Value::Bool(ceramics));
        match kind {
            "food" => self.list(&mut l, "food_heating_equipment", 1, 6, |g| {
                let mut e = Obj::new();
                let k = g.text(&["baking", "frying"]);
                g.put(&mut e, "kind", k);
                let v = g.fac();
                g.put(&mut e, "overheat_cutoff", v);
                e
            }),
            "baijiu" => self.list(&mut l, "baijiu_areas", 1, 5, |g| {
                let mut a = Obj::new();
                let k = g.text(&["blending", "filling", "store"]);
                g.put(&mut a, "kind", k);
                for key in ["ethanol_alarm", "ventilation_interlock"] {
                    let v = g.fac();
                    g.put(&mut a, key, v);
                }
                a
            }),
            "paper" => {
                let way = if self.hazardous() {
                    self.pick(&["direct_steam", "direct_flame"])
                } else {
                    self.pick(&["no_vaporisation", "indirect", "indirect"])
                };
                self.put(&mut l, "chlorine_vaporisation", Value::from(way));
            }
            _ => {}
        }
        if glass || ceramics {
            self.list(&mut l, "gas_kilns", 1, 3, |g| {
                let mut k = Obj::new();
                let premixed = g.chance(0.6);
                g.put(&mut k, "premixed", Value::Bool(premixed));
                let v = g.flag(0.1);
                g.put(&mut k, "hot_producer_gas", v);
                for key in ["main_pressure_alarm", "shutoff_interlock"] {
                    let v = if premixed { g.fac() } else { g.optional_fac() };
                    g.put(&mut k, key, v);
                }
                k
            });
        }
        if glass {
            self.list(&mut l, "glass_furnaces", 1, 3, |g| {
                let mut f = Obj::new();
                let v = g.fac();
                g.put(&mut f, "cooling_alarm", v);
                f
            });
        }
        let paint = if kind == "furniture" { 1 } else { 0 };
        self.list(&mut l, "paint_rooms", paint, 3, Self::paint_room);
        if kind == "battery" || self.chance(0.1) {
            self.list(&mut l, "li_battery_warehouses", 1, 3, |g| {
                let mut w = Obj::new();
                let v = g.flag(0.4);
                g.put(&mut w, "faulty_batteries_stored", v);
                let v = g.ok(true);
                g.put(&mut w, "faulty_isolated", v);
                w
            });
        }
        l
    }

    // ------------------------------------------------------------------ 纺织、烟草

    fn textile(&mut self) -> Obj {
        let mut t = Obj::new();
        self.list(&mut t, "heat_setting_utilities", 1, 4, |g| {
            let mut u = Obj::new();
            let k = g.text(&[
                "vaporiser_room",
                "gas_tank",
                "oil_tank",
                "heat_medium_furnace",
            ]);
            g.put(&mut u, "kind", k);
            let standalone = g.chance(0.5);
            let separated = if standalone { g.flag(0.5) } else { g.ok(true) };
            g.put(&mut u, "separated", separated);
            g.put(&mut u, "standalone", Value::Bool(standalone));
            u
        });
        self.list(&mut t, "chemical_stores", 1, 5, |g| {
            let mut s = Obj::new();
            let sub = g.pick(&[
                "hydrosulphite",
                "hydrosulphite",
                "hydrogen_peroxide",
                "hypochlorite",
                "chlorite",
                "rongalite",
            ]);
            g.put(&mut s, "substance", Value::from(sub));
            let v = g.ok(false);
            g.put(&mut s, "mixed_with_incompatible", v);
            let v = if sub == "hydrosulphite" {
                g.ok(true)
            } else {
                g.flag(0.6)
            };
            g.put(&mut s, "damp_proof", v);
            s
        });
        t
    }

    fn tobacco(&mut self) -> Obj {
        let mut t = Obj::new();
        self.list(&mut t, "fumigation_sites", 1, 4, |g| {
            let mut s = Obj::new();
            for key in ["phosphine_alarm", "gas_masks"] {
                let v = g.fac();
                g.put(&mut s, key, v);
            }
            let v = g.ok(true);
            g.put(&mut s, "evacuation_confirmed", v);
            s
        });
        self.list(&mut t, "co2_expansion_lines", 0, 2, |g| {
            let mut l = Obj::new();
            for key in ["co2_alarm", "ventilation_interlock"] {
                let v = g.fac();
                g.put(&mut l, key, v);
            }
            l
        });
        t
    }

    // ------------------------------------------------------------------ 专项

    fn dust(&mut self, sector: &str, p: f64) -> Obj {
        let mut d = Obj::new();
        let risk = self.chance(p);
        self.put(&mut d, "explosion_risk", Value::Bool(risk));
        if !risk {
            return d;
        }
        let kind = match sector {
            "nonferrous" => "metal",
            "machinery" => self.pick(&["metal", "metal", "wood", "other"]),
            "light_industry" => self.pick(&["wood", "wood", "other", "metal"]),
            _ => self.pick(&["other", "other", "wood"]),
        };
        self.list(&mut d, "hazard_places", 1, 4, |g| {
            let mut h = Obj::new();
            let storeys = g.pick(&[1, 1, 1, 2, 2, 3, 4, 5]);
            g.put(&mut h, "storeys", Value::from(storeys));
            let frame = if storeys >= 2 {
                g.ok(true)
            } else {
                g.flag(0.5)
            };
            g.put(&mut h, "frame_structure", frame);
            let v = g.ok(false);
            g.put(&mut h, "gathering_inside", v);
            h
        });
        self.list(&mut d, "systems", 1, 5, |g| {
            let mut s = Obj::new();
            let k = if g.chance(0.85) {
                kind
            } else {
                g.pick(&["metal", "wood", "other"])
            };
            g.put(&mut s, "dust_kind", Value::from(k));
            let dry = g.chance(0.85);
            g.put(&mut s, "dry", Value::Bool(dry));
            for key in ["mixed_dust_classes", "mixed_with_gas", "interconnected"] {
                let v = g.ok(false);
                g.put(&mut s, key, v);
            }
            for key in ["buildings_served", "fire_compartments_served"] {
                let n = if g.hazardous() { g.rng.i64(2..=3) } else { 1 };
                g.put(&mut s, key, Value::from(n));
            }
            let primary = g.pick(&[
                "venting",
                "venting",
                "inerting",
                "suppression",
                "other_control",
            ]);
            for key in ["venting", "inerting", "suppression", "other_control"] {
                let v = if key == primary {
                    g.fac()
                } else if g.chance(0.7) {
                    Value::from("absent")
                } else {
                    Value::from("working")
                };
                g.put(&mut s, key, v);
            }
            let positive = if k == "metal" {
                g.hazardous()
            } else {
                g.chance(0.25)
            };
            g.put(&mut s, "positive_pressure", Value::Bool(positive));
            let v = if positive { g.fac() } else { g.optional_fac() };
            g.put(&mut s, "spark_detection", v);
            for key in ["gravity_settling", "tunnel_duct"] {
                let v = g.ok(false);
                g.put(&mut s, key, v);
            }
            let v = if dry && k != "other" {
                g.fac()
            } else {
                g.optional_fac()
            };
            g.put(&mut s, "airlock", v);
            s
        });
        self.list(&mut d, "ex_areas", 0, 4, |g| {
            let mut a = Obj::new();
            let l = g.text(&["dust_collector", "collection_bin", "other"]);
            g.put(&mut a, "location", l);
            let z = g.text(&["zone20", "zone21", "zone21", "zone22"]);
            g.put(&mut a, "zone", z);
            let v = g.ok(true);
            g.put(&mut a, "electrical_ex_compliant", v);
            a
        });
        self.list(&mut d, "ignition_prone_equipment", 0, 3, |g| {
            let mut e = Obj::new();
            let k = g.text(&["crushing", "grinding", "granulating", "other"]);
            g.put(&mut e, "kind", k);
            let v = g.fac();
            g.put(&mut e, "tramp_removal", v);
            e
        });
        let wood = kind == "wood";
        self.put(&mut d, "wood_products", Value::Bool(wood));
        if wood {
            self.list(&mut d, "sander_ducts", 0, 4, |g| {
                let mut s = Obj::new();
                let v = g.fac();
                g.put(&mut s, "spark_detection", v);
                s
            });
        }
        if kind == "metal" {
            self.list(&mut d, "wet_reactive_sites", 0, 2, |g| {
                let mut s = Obj::new();
                let dry = g.chance(0.5);
                let h = if dry { "dry" } else { "wet" };
                g.put(&mut s, "handling", Value::from(h));
                let v = g.ok(true);
                g.put(&mut s, "hydrogen_prevention", v);
                let v = if dry { g.ok(true) } else { g.flag(0.5) };
                g.put(&mut s, "damp_proof", v);
                s
            });
        }
        let implemented = !self.hazardous();
        self.put(&mut d, "cleaning_implemented", Value::Bool(implemented));
        let accumulation = if implemented {
            self.weighted(&[("little", 70), ("moderate", 27), ("severe", 3)])
        } else {
            self.weighted(&[("moderate", 40), ("severe", 60)])
        };
        self.put(&mut d, "accumulation", Value::from(accumulation));
        d
    }

    fn ammonia(&mut self, p: f64) -> Obj {
        let mut a = Obj::new();
        let used = self.chance(p);
        self.put(&mut a, "refrigeration", Value::Bool(used));
        if !used {
            return a;
        }
        self.list(&mut a, "ac_systems", 0, 3, |g| {
            let mut s = Obj::new();
            let area = g.pick(&["packing", "cutting", "finishing", "other"]);
            g.put(&mut s, "area", Value::from(area));
            let v = if area == "other" {
                g.flag(0.3)
            } else {
                g.ok(false)
            };
            g.put(&mut s, "direct_evaporation", v);
            s
        });
        self.list(&mut a, "quick_freezers", 0, 3, |g| {
            let mut q = Obj::new();
            let v = g.ok(true);
            g.put(&mut q, "separate_room", v);
            let workers = if g.hazardous() {
                g.rng.i64(10..=15)
            } else if g.chance(0.1) {
                9
            } else {
                g.rng.i64(1..=8)
            };
            g.put(&mut q, "workers", Value::from(workers));
            q
        });
        a
    }

    fn confined_space(&mut self) -> Obj {
        let mut c = Obj::new();
        let risk = self.chance(0.45);
        self.put(&mut c, "poisoning_risk", Value::Bool(risk));
        if !risk {
            return c;
        }
        let identified = !self.hazardous();
        let ledger = !self.hazardous();
        let signs = if identified && ledger {
            self.ok(true)
        } else {
            self.flag(0.5)
        };
        self.put(&mut c, "identified", Value::Bool(identified));
        self.put(&mut c, "ledger", Value::Bool(ledger));
        self.put(&mut c, "warning_signs", signs);
        self.list(&mut c, "jobs", 0, 4, |g| {
            let mut j = Obj::new();
            for key in ["approved", "ventilate_test_work", "attendant"] {
                let v = g.ok(true);
                g.put(&mut j, key, v);
            }
            j
        });
        c
    }
}
