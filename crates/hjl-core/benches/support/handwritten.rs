//! The hand-written baseline: what a skeptic would write for the 工贸 standard without any
//! engine. Typed serde structs for the whole record (every fact optional, enums as Rust
//! enums, quantities as `f64` in the declared unit) and the 65 clauses of
//! `rulesets/industry-trade.hjl` as plain Rust, in the rule file's order.
//!
//! The rule file's semantics are three-valued: a fact missing from the record is unknown,
//! and a clause is major only when its guards (the standard's scope, the enclosing sections,
//! its `applies when`) are definitely true and one of its `major when` conditions is
//! definitely true. The helpers below are Kleene logic over `Option<bool>`:
//! `and(Some(false), None) == Some(false)`, `or(Some(true), None) == Some(true)`,
//! `not(None) == None`, and `any` over a list that is missing is unknown.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

// =====================================================================================
// Record types
// =====================================================================================

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Date)
            .map_err(serde::de::Error::custom)
    }
}

/// The four states of a required monitoring, alarm, interlock or protection device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Facility {
    /// 未设置
    Absent,
    /// 正常运行
    Working,
    /// 失效
    Failed,
    /// 无效
    Ineffective,
}

/// A whole inspection record.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Record {
    /// `inspection.*`
    pub inspection: Inspection,
    /// `enterprise.*`
    pub enterprise: Enterprise,
    /// `key_personnel`
    pub key_personnel: Option<Vec<KeyPerson>>,
    /// `special_operation_workers`
    pub special_operation_workers: Option<Vec<SpecialWorker>>,
    /// `contractors`
    pub contractors: Option<Vec<Contractor>>,
    /// `metallurgy.*`
    pub metallurgy: Metallurgy,
    /// `nonferrous.*`
    pub nonferrous: Nonferrous,
    /// `building_materials.*`
    pub building_materials: BuildingMaterials,
    /// `machinery.*`
    pub machinery: Machinery,
    /// `light_industry.*`
    pub light_industry: LightIndustry,
    /// `textile.*`
    pub textile: Textile,
    /// `tobacco.*`
    pub tobacco: Tobacco,
    /// `dust.*`
    pub dust: Dust,
    /// `ammonia.*`
    pub ammonia: Ammonia,
    /// `confined_space.*`
    pub confined_space: ConfinedSpace,
}

// ------------------------------------------------------------------ common
/// `inspection.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Inspection {
    /// 检查日期
    pub date: Option<Date>,
}

/// 所属行业领域
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    Metallurgy,
    Nonferrous,
    BuildingMaterials,
    Machinery,
    LightIndustry,
    Textile,
    Tobacco,
    Commerce,
    CoalMine,
    MetalNonmetalMine,
    HazardousChemicals,
    Fireworks,
    CivilExplosives,
    Construction,
    UrbanGas,
    ElectricPower,
    RoadTransport,
    WaterwayTransport,
    Fishery,
    Agriculture,
    Other,
}

/// `enterprise.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Enterprise {
    /// 企业名称
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub name: Option<String>,
    /// 统一社会信用代码
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub credit_code: Option<String>,
    /// 所属行业领域
    pub sector: Option<Sector>,
    /// 属于金属冶炼企业
    pub metal_smelting: Option<bool>,
    /// 检查时处于生产期间
    pub in_production: Option<bool>,
}

/// 岗位
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Principal,
    SafetyManager,
}

/// 主要负责人和安全生产管理人员
#[derive(Debug, Deserialize)]
#[allow(
    dead_code,
    reason = "part of the record; only some fields are read by clauses"
)]
pub struct KeyPerson {
    /// 姓名
    pub name: Option<String>,
    /// 岗位
    pub role: Option<Role>,
    /// 按规定考核合格
    pub assessment_passed: Option<bool>,
}

/// 特种作业人员
#[derive(Debug, Deserialize)]
#[allow(
    dead_code,
    reason = "part of the record; only some fields are read by clauses"
)]
pub struct SpecialWorker {
    /// 姓名
    pub name: Option<String>,
    /// 作业类别
    pub operation: Option<String>,
    /// 在岗作业
    pub on_duty: Option<bool>,
    /// 经专门的安全作业培训
    pub trained: Option<bool>,
    /// 取得相应资格
    pub certified: Option<bool>,
    /// 证书有效期至
    pub certificate_valid_until: Option<Date>,
}

/// 关系
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    Contractor,
    Lessee,
}

/// 承包单位和承租单位
#[derive(Debug, Deserialize)]
#[allow(
    dead_code,
    reason = "part of the record; only some fields are read by clauses"
)]
pub struct Contractor {
    /// 单位名称
    pub name: Option<String>,
    /// 关系
    pub relation: Option<Relation>,
    /// 安全生产工作纳入统一协调、管理
    pub unified_management: Option<bool>,
    /// 按期开展安全检查
    pub periodic_inspection: Option<bool>,
}

// ------------------------------------------------------------------ 冶金
/// The six kinds of gathering rooms (冶金, 有色, 机械 share the variants).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomKind {
    Meeting,
    Activity,
    Rest,
    Operating,
    Handover,
    Changing,
}

/// 人员聚集场所（冶金、有色）
#[derive(Debug, Deserialize)]
pub struct GatheringRoom {
    /// 场所类别
    #[allow(
        dead_code,
        reason = "part of the record; no clause reads it for 冶金/有色"
    )]
    pub kind: Option<RoomKind>,
    /// 位于吊运跨的地坪区域内
    pub in_lifting_bay: Option<bool>,
}

/// 工位类别
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LadleStationKind {
    Cold,
    Hot,
}

/// 钢铁水罐冷（热）修工位
#[derive(Debug, Deserialize)]
pub struct LadleRepairStation {
    /// 工位类别
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<LadleStationKind>,
    /// 位于吊运跨的地坪区域内
    pub in_lifting_bay: Option<bool>,
}

/// 区域类别（冶金、有色）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaterAreaKind {
    AccidentPit,
    SlagPit,
    FurnaceFront,
    FurnaceBase,
    LiftingPassage,
    TransportPassage,
}

/// 冶金：坑及熔融金属影响范围内的区域
#[derive(Debug, Deserialize)]
pub struct MetallurgyWaterArea {
    /// 区域类别
    pub kind: Option<WaterAreaKind>,
    /// 位于熔融金属泄漏、喷溅影响范围内
    pub in_splash_range: Option<bool>,
    /// 存在积水
    pub standing_water: Option<bool>,
}

/// 铸钢流程
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CastingRoute {
    Continuous,
    Ingot,
}

/// 炼钢铸钢流程
#[derive(Debug, Deserialize)]
pub struct CastingLine {
    pub route: Option<CastingRoute>,
    pub emergency_ladle: Option<Facility>,
    pub tundish_breakout_pit: Option<Facility>,
    pub tundish_overflow_pit: Option<Facility>,
    pub breakout_chute: Option<Facility>,
}

/// 炉型（炼钢炉）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SteelFurnaceKind {
    Converter,
    Eaf,
    Aod,
    Lf,
    Rh,
    Vod,
    Other,
}

/// 炼钢炉
#[derive(Debug, Deserialize)]
pub struct SteelmakingFurnace {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<SteelFurnaceKind>,
    pub outlet_temp_alarm: Option<Facility>,
    pub flow_diff_alarm: Option<Facility>,
    pub safety_interlock: Option<Facility>,
}

/// 高炉 (pressures in kPa)
#[derive(Debug, Deserialize)]
pub struct BlastFurnace {
    pub in_production: Option<bool>,
    pub top_pressure_setpoint: Option<f64>,
    pub design_max_top_pressure: Option<f64>,
    pub bleeder_interlock: Option<Facility>,
    pub bleeder_setpoint: Option<f64>,
    pub equipment_design_pressure: Option<f64>,
}

/// 场所类别（一氧化碳监测点）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoPointKind {
    Meeting,
    Activity,
    Rest,
    Operating,
    Handover,
    Changing,
    LeakPoint,
}

/// 煤气设施附近的人员聚集场所及可能泄漏、积聚煤气的场所部位
#[derive(Debug, Deserialize)]
pub struct CoMonitoringPoint {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<CoPointKind>,
    pub co_alarm: Option<Facility>,
    pub data_to_manned_post: Option<bool>,
}

/// 设施类别（隔断装置）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IsolationPointKind {
    HeatingFurnace,
    GasHolder,
    DustCollector,
    Booster,
    Roaster,
    OtherFacility,
    WorkshopInlet,
}

/// 应设隔断装置的煤气设施和管道
#[derive(Debug, Deserialize)]
pub struct GasIsolationPoint {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<IsolationPointKind>,
    pub isolation_device: Option<Facility>,
}

/// 煤气管道排水器 (pressure in kPa)
#[derive(Debug, Deserialize)]
pub struct GasDrainer {
    pub positive_pressure_line: Option<bool>,
    pub water_seal: Option<bool>,
    pub max_seal_pressure: Option<f64>,
    pub shared_across_isolation: Option<bool>,
    pub upper_pipe_interconnected: Option<bool>,
    pub shared_by_media: Option<bool>,
}

/// `metallurgy.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Metallurgy {
    pub gathering_rooms: Option<Vec<GatheringRoom>>,
    pub ladle_repair_stations: Option<Vec<LadleRepairStation>>,
    pub water_areas: Option<Vec<MetallurgyWaterArea>>,
    pub casting_lines: Option<Vec<CastingLine>>,
    pub steelmaking_furnaces: Option<Vec<SteelmakingFurnace>>,
    pub blast_furnaces: Option<Vec<BlastFurnace>>,
    pub coal_gas_facilities: Option<bool>,
    pub co_monitoring_points: Option<Vec<CoMonitoringPoint>>,
    pub gas_isolation_points: Option<Vec<GasIsolationPoint>>,
    pub gas_drainers: Option<Vec<GasDrainer>>,
}

// ------------------------------------------------------------------ 有色
/// 积水情况
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaterState {
    Dry,
    Production,
    NonProduction,
}

/// 有色：坑及熔融金属影响范围内的区域
#[derive(Debug, Deserialize)]
pub struct NonferrousWaterArea {
    pub kind: Option<WaterAreaKind>,
    pub in_splash_range: Option<bool>,
    pub water: Option<WaterState>,
}

/// 炉型（有色铸造用炉）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NfCastingFurnaceKind {
    TiltingMelting,
    TiltingHolding,
    TiltingMeltHold,
    FixedMeltingWithHolding,
    FixedMelting,
    FixedHolding,
    Other,
}

/// 熔融金属铸造环节的炉
#[derive(Debug, Deserialize)]
pub struct NfCastingFurnace {
    pub kind: Option<NfCastingFurnaceKind>,
    pub emergency_discharge: Option<Facility>,
    pub emergency_storage: Option<Facility>,
}

/// 设备类别（水冷设备）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WaterCooledKind {
    SmeltingFurnace,
    CastingMachine,
    HeatingFurnace,
    DcCrystallizer,
}

/// 采用水冷冷却的设备
#[derive(Debug, Deserialize)]
pub struct WaterCooledUnit {
    pub kind: Option<WaterCooledKind>,
    pub emergency_water: Option<Facility>,
}

/// 冷却方式
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Circuit {
    Closed,
    Open,
}

/// 熔融金属冶炼炉窑的水冷元件
#[derive(Debug, Deserialize)]
pub struct CoolingElement {
    pub circuit: Option<Circuit>,
    pub outlet_temp_alarm: Option<Facility>,
    pub flow_diff_alarm: Option<Facility>,
    pub inlet_flow_alarm: Option<Facility>,
    pub inlet_pressure_alarm: Option<Facility>,
    pub outlet_temp_monitoring: Option<Facility>,
}

/// 浇铸炉型式
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PouringFurnace {
    Fixed,
    Tilting,
}

/// 卷扬系统钢丝绳绳芯
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RopeCore {
    Steel,
    NonSteel,
}

/// 铝加工深井铸造生产线
#[derive(Debug, Deserialize)]
pub struct DcCastingLine {
    pub furnace: Option<PouringFurnace>,
    pub mould_inlet_pressure_alarm: Option<Facility>,
    pub mould_inlet_flow_alarm: Option<Facility>,
    pub cooling_interlock_valves: Option<Facility>,
    pub cooling_interlock_tilting: Option<Facility>,
    pub outlet_launder_level_alarm: Option<Facility>,
    pub junction_level_alarm: Option<Facility>,
    pub outlet_mechanical_lock: Option<Facility>,
    pub launder_emergency_valve: Option<Facility>,
    pub junction_shutoff: Option<Facility>,
    pub junction_interlock_shutoff: Option<Facility>,
    pub junction_interlock_discharge: Option<Facility>,
    pub junction_interlock_tilt: Option<Facility>,
    pub hoist_rope_core: Option<RopeCore>,
    pub rope_inspection_implemented: Option<bool>,
}

/// 有毒气体
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToxicGas {
    Co,
    Arsine,
    Chlorine,
    H2s,
}

/// 可能发生有毒气体泄漏、积聚的场所和部位
#[derive(Debug, Deserialize)]
pub struct ToxicGasPoint {
    pub gas: Option<ToxicGas>,
    pub fixed_alarm: Option<Facility>,
    pub data_to_manned_post: Option<bool>,
    pub equivalent_detection: Option<bool>,
}

/// 使用煤气（天然气）的燃烧装置（有色）
#[derive(Debug, Deserialize)]
pub struct NfGasBurner {
    pub forced_air: Option<bool>,
    pub main_pressure_alarm: Option<Facility>,
    pub shutoff_interlock: Option<Facility>,
}

/// `nonferrous.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Nonferrous {
    pub gathering_rooms: Option<Vec<GatheringRoom>>,
    pub water_areas: Option<Vec<NonferrousWaterArea>>,
    pub casting_furnaces: Option<Vec<NfCastingFurnace>>,
    pub water_cooled_units: Option<Vec<WaterCooledUnit>>,
    pub cooling_elements: Option<Vec<CoolingElement>>,
    pub dc_casting_lines: Option<Vec<DcCastingLine>>,
    pub toxic_gas_points: Option<Vec<ToxicGasPoint>>,
    pub gas_burners: Option<Vec<NfGasBurner>>,
    pub gas_drainers: Option<Vec<GasDrainer>>,
}

// ------------------------------------------------------------------ 建材
/// 设备类别（煤磨）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoalMillKind {
    BagFilter,
    CoalBin,
}

/// 煤磨袋式收尘器和煤粉仓
#[derive(Debug, Deserialize)]
pub struct CoalMillUnit {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<CoalMillKind>,
    pub temperature_alarm: Option<Facility>,
    pub co_alarm: Option<Facility>,
    pub gas_extinguisher: Option<Facility>,
}

/// 筒型储库人工清库作业
#[derive(Debug, Deserialize)]
pub struct SiloCleaningJob {
    pub fall_measures: Option<bool>,
    pub collapse_measures: Option<bool>,
}

/// 水泥企业电石渣原料筒型储库
#[derive(Debug, Deserialize)]
pub struct CarbideSlagSilo {
    pub combustible_gas_alarm: Option<Facility>,
    pub ventilation_interlock: Option<Facility>,
}

/// 进入的设备
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryTarget {
    Silo,
    Kiln,
    Cyclone,
    Calciner,
    ShaftKiln,
    GrateCooler,
    Mill,
    Crusher,
}

/// 进入储库、窑炉、磨机等设备内部的作业
#[derive(Debug, Deserialize)]
pub struct Entry {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub target: Option<EntryTarget>,
    pub equipment_isolated: Option<bool>,
    pub inflow_isolated: Option<bool>,
    pub fall_collapse_measures: Option<bool>,
}

/// 燃气窑炉（建材、轻工）
#[derive(Debug, Deserialize)]
pub struct GasKiln {
    pub premixed: Option<bool>,
    pub hot_producer_gas: Option<bool>,
    pub main_pressure_alarm: Option<Facility>,
    pub shutoff_interlock: Option<Facility>,
}

/// 场所类别（制氢站、配气间）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GasRoomKind {
    HydrogenStation,
    N2h2Mixing,
    FuelGasMixing,
}

/// 制氢站和配气间
#[derive(Debug, Deserialize)]
pub struct GasRoom {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<GasRoomKind>,
    pub combustible_gas_alarm: Option<Facility>,
}

/// 电熔制品电炉
#[derive(Debug, Deserialize)]
pub struct FusedCastFurnace {
    pub water_cooling: Option<Facility>,
}

/// 设备（玻璃）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GlassEquipment {
    GlassFurnace,
    TinBath,
    Other,
}

/// 保护方式
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoolingMedium {
    Water,
    Air,
}

/// 玻璃窑炉、锡槽等设备的水冷和风冷保护系统
#[derive(Debug, Deserialize)]
pub struct GlassCoolingSystem {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub equipment: Option<GlassEquipment>,
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub medium: Option<CoolingMedium>,
    pub alarm: Option<Facility>,
}

/// `building_materials.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BuildingMaterials {
    pub coal_mill_units: Option<Vec<CoalMillUnit>>,
    pub silo_cleaning_jobs: Option<Vec<SiloCleaningJob>>,
    pub carbide_slag_silos: Option<Vec<CarbideSlagSilo>>,
    pub entries: Option<Vec<Entry>>,
    pub gas_kilns: Option<Vec<GasKiln>>,
    pub gas_rooms: Option<Vec<GasRoom>>,
    pub fused_cast_furnaces: Option<Vec<FusedCastFurnace>>,
    pub glass_cooling_systems: Option<Vec<GlassCoolingSystem>>,
}

// ------------------------------------------------------------------ 机械
/// 人员聚集场所（机械）
#[derive(Debug, Deserialize)]
pub struct MachineryRoom {
    pub kind: Option<RoomKind>,
    pub in_bay: Option<bool>,
}

/// 炉型（机械铸造用炉）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundryFurnaceKind {
    Melting,
    Refining,
    Holding,
}

/// 铸造用熔炼炉、精炼炉、保温炉
#[derive(Debug, Deserialize)]
pub struct FoundryFurnace {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<FoundryFurnaceKind>,
    pub emergency_discharge: Option<Facility>,
    pub emergency_storage: Option<Facility>,
}

/// 区域类别（机械）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MachineryAreaKind {
    FurnaceBottom,
    FurnacePit,
    AccidentPit,
    FurnaceFront,
    FurnaceBase,
    MouldingPit,
    PouringPit,
    TransferPassage,
}

/// 机械：铸造用炉的炉底、炉坑、事故坑及熔融金属影响范围内的区域
#[derive(Debug, Deserialize)]
pub struct MachineryWaterArea {
    pub kind: Option<MachineryAreaKind>,
    pub in_splash_range: Option<bool>,
    pub standing_water: Option<bool>,
}

/// 设备类别（冷却水系统）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoolingSystemKind {
    Melting,
    Refining,
    DieCasting,
    OxygenLance,
}

/// 铸造用熔炼炉、精炼炉、压铸机、氧枪的冷却水系统
#[derive(Debug, Deserialize)]
pub struct CoolingSystem {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<CoolingSystemKind>,
    pub outlet_temp_alarm: Option<Facility>,
    pub flow_diff_alarm: Option<Facility>,
    pub control_interlock: Option<Facility>,
}

/// 使用煤气（天然气）的燃烧装置（机械）
#[derive(Debug, Deserialize)]
pub struct MachineryGasBurner {
    pub main_pressure_alarm: Option<Facility>,
    pub shutoff_interlock: Option<Facility>,
    pub flame_protection: Option<Facility>,
}

/// 场所类别（调漆间、喷漆室）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaintRoomKind {
    Mixing,
    Spraying,
}

/// 调漆间和喷漆室（机械、轻工）
#[derive(Debug, Deserialize)]
pub struct PaintRoom {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<PaintRoomKind>,
    pub non_waterborne: Option<bool>,
    pub combustible_gas_alarm: Option<Facility>,
    pub ventilation: Option<Facility>,
}

/// `machinery.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Machinery {
    pub gathering_rooms: Option<Vec<MachineryRoom>>,
    pub foundry_furnaces: Option<Vec<FoundryFurnace>>,
    pub water_areas: Option<Vec<MachineryWaterArea>>,
    pub cooling_systems: Option<Vec<CoolingSystem>>,
    pub gas_burners: Option<Vec<MachineryGasBurner>>,
    pub solvent_cleaning: Option<bool>,
    pub solvent_vapour_control: Option<bool>,
    pub paint_rooms: Option<Vec<PaintRoom>>,
}

// ------------------------------------------------------------------ 轻工
/// 设备类别（食品）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoodEquipmentKind {
    Baking,
    Frying,
}

/// 食品烘制、油炸设备
#[derive(Debug, Deserialize)]
pub struct FoodHeatingEquipment {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<FoodEquipmentKind>,
    pub overheat_cutoff: Option<Facility>,
}

/// 场所类别（白酒）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BaijiuAreaKind {
    Blending,
    Filling,
    Store,
}

/// 白酒勾兑、灌装场所和酒库
#[derive(Debug, Deserialize)]
pub struct BaijiuArea {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<BaijiuAreaKind>,
    pub ethanol_alarm: Option<Facility>,
    pub ventilation_interlock: Option<Facility>,
}

/// 液氯钢瓶汽化方式
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChlorineVaporisation {
    NoVaporisation,
    Indirect,
    DirectSteam,
    DirectFlame,
}

/// 日用玻璃窑炉
#[derive(Debug, Deserialize)]
pub struct GlassFurnace {
    pub cooling_alarm: Option<Facility>,
}

/// 锂离子电池储存仓库
#[derive(Debug, Deserialize)]
pub struct LiBatteryWarehouse {
    pub faulty_batteries_stored: Option<bool>,
    pub faulty_isolated: Option<bool>,
}

/// `light_industry.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LightIndustry {
    pub food_manufacturing: Option<bool>,
    pub pulp_paper: Option<bool>,
    pub daily_glass: Option<bool>,
    pub ceramics: Option<bool>,
    pub food_heating_equipment: Option<Vec<FoodHeatingEquipment>>,
    pub baijiu_areas: Option<Vec<BaijiuArea>>,
    pub chlorine_vaporisation: Option<ChlorineVaporisation>,
    pub gas_kilns: Option<Vec<GasKiln>>,
    pub glass_furnaces: Option<Vec<GlassFurnace>>,
    pub paint_rooms: Option<Vec<PaintRoom>>,
    pub li_battery_warehouses: Option<Vec<LiBatteryWarehouse>>,
}

// ------------------------------------------------------------------ 纺织
/// 设施类别（热定型）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeatSettingKind {
    VaporiserRoom,
    GasTank,
    OilTank,
    HeatMediumFurnace,
}

/// 热定型工艺的汽化室、储罐和热媒炉
#[derive(Debug, Deserialize)]
pub struct HeatSettingUtility {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<HeatSettingKind>,
    pub separated: Option<bool>,
    pub standalone: Option<bool>,
}

/// 储存物料
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Substance {
    Hydrosulphite,
    HydrogenPeroxide,
    Hypochlorite,
    Chlorite,
    Rongalite,
}

/// 保险粉、双氧水等物料的储存场所
#[derive(Debug, Deserialize)]
pub struct ChemicalStore {
    pub substance: Option<Substance>,
    pub mixed_with_incompatible: Option<bool>,
    pub damp_proof: Option<bool>,
}

/// `textile.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Textile {
    pub heat_setting_utilities: Option<Vec<HeatSettingUtility>>,
    pub chemical_stores: Option<Vec<ChemicalStore>>,
}

// ------------------------------------------------------------------ 烟草
/// 熏蒸作业场所
#[derive(Debug, Deserialize)]
pub struct FumigationSite {
    pub phosphine_alarm: Option<Facility>,
    pub gas_masks: Option<Facility>,
    pub evacuation_confirmed: Option<bool>,
}

/// 使用液态二氧化碳制造膨胀烟丝的生产线和场所
#[derive(Debug, Deserialize)]
pub struct Co2ExpansionLine {
    pub co2_alarm: Option<Facility>,
    pub ventilation_interlock: Option<Facility>,
}

/// `tobacco.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Tobacco {
    pub fumigation_sites: Option<Vec<FumigationSite>>,
    pub co2_expansion_lines: Option<Vec<Co2ExpansionLine>>,
}

// ------------------------------------------------------------------ 粉尘爆炸
/// 粉尘爆炸危险场所
#[derive(Debug, Deserialize)]
pub struct DustHazardPlace {
    pub storeys: Option<i64>,
    pub frame_structure: Option<bool>,
    pub gathering_inside: Option<bool>,
}

/// 粉尘类别
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DustKind {
    Metal,
    Wood,
    Other,
}

/// 除尘系统
#[derive(Debug, Deserialize)]
pub struct DustSystem {
    pub dust_kind: Option<DustKind>,
    pub dry: Option<bool>,
    pub mixed_dust_classes: Option<bool>,
    pub mixed_with_gas: Option<bool>,
    pub buildings_served: Option<i64>,
    pub fire_compartments_served: Option<i64>,
    pub interconnected: Option<bool>,
    pub venting: Option<Facility>,
    pub inerting: Option<Facility>,
    pub suppression: Option<Facility>,
    pub other_control: Option<Facility>,
    pub positive_pressure: Option<bool>,
    pub spark_detection: Option<Facility>,
    pub gravity_settling: Option<bool>,
    pub tunnel_duct: Option<bool>,
    pub airlock: Option<Facility>,
}

/// 场所（防爆区域）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExLocation {
    DustCollector,
    CollectionBin,
    Other,
}

/// 粉尘爆炸危险区域划分
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    Zone20,
    Zone21,
    Zone22,
}

/// 划分了粉尘爆炸危险区域的场所
#[derive(Debug, Deserialize)]
pub struct ExArea {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub location: Option<ExLocation>,
    pub zone: Option<Zone>,
    pub electrical_ex_compliant: Option<bool>,
}

/// 设备类别（机械点燃源）
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IgnitionKind {
    Crushing,
    Grinding,
    Granulating,
    Other,
}

/// 易产生机械点燃源的工艺设备
#[derive(Debug, Deserialize)]
pub struct IgnitionProneEquipment {
    #[allow(dead_code, reason = "part of the record; no clause reads it")]
    pub kind: Option<IgnitionKind>,
    pub tramp_removal: Option<Facility>,
}

/// 与砂光机连接的风管
#[derive(Debug, Deserialize)]
pub struct SanderDuct {
    pub spark_detection: Option<Facility>,
}

/// 收集、堆放、储存方式
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    Wet,
    Dry,
}

/// 遇湿自燃金属粉尘收集、堆放、储存场所
#[derive(Debug, Deserialize)]
pub struct WetReactiveSite {
    pub handling: Option<Handling>,
    pub hydrogen_prevention: Option<bool>,
    pub damp_proof: Option<bool>,
}

/// 作业现场积尘程度
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accumulation {
    Little,
    Moderate,
    Severe,
}

/// `dust.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Dust {
    pub explosion_risk: Option<bool>,
    pub hazard_places: Option<Vec<DustHazardPlace>>,
    pub systems: Option<Vec<DustSystem>>,
    pub ex_areas: Option<Vec<ExArea>>,
    pub ignition_prone_equipment: Option<Vec<IgnitionProneEquipment>>,
    pub wood_products: Option<bool>,
    pub sander_ducts: Option<Vec<SanderDuct>>,
    pub wet_reactive_sites: Option<Vec<WetReactiveSite>>,
    pub cleaning_implemented: Option<bool>,
    pub accumulation: Option<Accumulation>,
}

// ------------------------------------------------------------------ 液氨制冷
/// 服务场所
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AcArea {
    Packing,
    Cutting,
    Finishing,
    Other,
}

/// 空调系统
#[derive(Debug, Deserialize)]
pub struct AcSystem {
    pub area: Option<AcArea>,
    pub direct_evaporation: Option<bool>,
}

/// 快速冻结装置
#[derive(Debug, Deserialize)]
pub struct QuickFreezer {
    pub separate_room: Option<bool>,
    pub workers: Option<i64>,
}

/// `ammonia.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Ammonia {
    pub refrigeration: Option<bool>,
    pub ac_systems: Option<Vec<AcSystem>>,
    pub quick_freezers: Option<Vec<QuickFreezer>>,
}

// ------------------------------------------------------------------ 有限空间
/// 有限空间作业
#[derive(Debug, Deserialize)]
pub struct ConfinedSpaceJob {
    pub approved: Option<bool>,
    pub ventilate_test_work: Option<bool>,
    pub attendant: Option<bool>,
}

/// `confined_space.*`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConfinedSpace {
    pub poisoning_risk: Option<bool>,
    pub identified: Option<bool>,
    pub ledger: Option<bool>,
    pub warning_signs: Option<bool>,
    pub jobs: Option<Vec<ConfinedSpaceJob>>,
}

/// Parses a record; panics on a record that is not valid JSON of this shape.
pub fn parse(text: &str) -> Record {
    serde_json::from_str(text).expect("a well-formed inspection record")
}

// =====================================================================================
// Kleene logic
// =====================================================================================

/// A three-valued truth: `None` is unknown.
type K = Option<bool>;

fn not(a: K) -> K {
    a.map(|v| !v)
}

fn and(a: K, b: K) -> K {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

fn or(a: K, b: K) -> K {
    match (a, b) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// Kleene `and` of several conditions.
fn all_of(items: &[K]) -> K {
    let mut result = Some(true);
    for k in items {
        match k {
            Some(false) => return Some(false),
            None => result = None,
            Some(true) => {}
        }
    }
    result
}

/// Kleene `or` of several conditions.
fn any_of(items: &[K]) -> K {
    let mut result = Some(false);
    for k in items {
        match k {
            Some(true) => return Some(true),
            None => result = None,
            Some(false) => {}
        }
    }
    result
}

/// `any x in L: body`: unknown when the list itself is missing.
fn any<E>(list: &Option<Vec<E>>, body: impl Fn(&E) -> K) -> K {
    let list = list.as_ref()?;
    let mut result = Some(false);
    for e in list {
        match body(e) {
            Some(true) => return Some(true),
            None => result = None,
            Some(false) => {}
        }
    }
    result
}

fn eq<T: PartialEq>(x: Option<T>, v: T) -> K {
    x.map(|x| x == v)
}

fn ne<T: PartialEq>(x: Option<T>, v: T) -> K {
    x.map(|x| x != v)
}

/// `x in [..]`
fn one_of<T: PartialEq>(x: Option<T>, set: &[T]) -> K {
    x.map(|x| set.contains(&x))
}

/// `x not in [..]`
fn none_of<T: PartialEq>(x: Option<T>, set: &[T]) -> K {
    x.map(|x| !set.contains(&x))
}

fn lt<T: PartialOrd>(a: Option<T>, b: Option<T>) -> K {
    Some(a? < b?)
}

fn gt<T: PartialOrd>(a: Option<T>, b: Option<T>) -> K {
    Some(a? > b?)
}

fn ge<T: PartialOrd>(a: Option<T>, b: Option<T>) -> K {
    Some(a? >= b?)
}

/// `device == absent`
fn absent(f: Option<Facility>) -> K {
    eq(f, Facility::Absent)
}

/// `device in [failed, ineffective]`
fn broken(f: Option<Facility>) -> K {
    one_of(f, &[Facility::Failed, Facility::Ineffective])
}

// =====================================================================================
// The 65 clauses
// =====================================================================================

/// The clause numbers that are definitely major for `r`, in the rule file's order.
pub fn fired(r: &Record) -> Vec<&'static str> {
    use Facility::{Absent, Failed, Ineffective};
    use Sector::{
        BuildingMaterials, Commerce, LightIndustry, Machinery, Metallurgy, Nonferrous, Textile,
        Tobacco,
    };

    let mut out = Vec::new();
    // A clause is major when its guard and its body are both definitely true.
    let mut clause = |number: &'static str, guard: K, body: K| {
        if guard == Some(true) && body == Some(true) {
            out.push(number);
        }
    };

    let date = r.inspection.date;
    let e = &r.enterprise;
    let sector = e.sector;
    // The standard's `applies when`.
    let scope = one_of(
        sector,
        &[
            Metallurgy,
            Nonferrous,
            BuildingMaterials,
            Machinery,
            LightIndustry,
            Textile,
            Tobacco,
            Commerce,
        ],
    );

    // ------------------------------------------------------------------ 管理类
    clause(
        "第三条（一）",
        scope,
        any(&r.contractors, |c| {
            or(not(c.unified_management), not(c.periodic_inspection))
        }),
    );
    clause(
        "第三条（二）",
        scope,
        any(&r.special_operation_workers, |w| {
            and(
                w.on_duty,
                any_of(&[
                    not(w.trained),
                    not(w.certified),
                    lt(w.certificate_valid_until, date),
                ]),
            )
        }),
    );
    clause(
        "第三条（三）",
        and(scope, e.metal_smelting),
        any(&r.key_personnel, |p| not(p.assessment_passed)),
    );

    // ------------------------------------------------------------------ 冶金
    let m = &r.metallurgy;
    let met = and(scope, eq(sector, Metallurgy));
    clause(
        "第四条（一）",
        met,
        or(
            any(&m.gathering_rooms, |x| x.in_lifting_bay),
            any(&m.ladle_repair_stations, |x| x.in_lifting_bay),
        ),
    );
    {
        use WaterAreaKind::{
            AccidentPit, FurnaceBase, FurnaceFront, LiftingPassage, SlagPit, TransportPassage,
        };
        clause(
            "第四条（二）",
            and(met, e.in_production),
            any(&m.water_areas, |a| {
                and(
                    a.standing_water,
                    or(
                        one_of(a.kind, &[AccidentPit, SlagPit]),
                        and(
                            one_of(
                                a.kind,
                                &[FurnaceFront, FurnaceBase, LiftingPassage, TransportPassage],
                            ),
                            a.in_splash_range,
                        ),
                    ),
                )
            }),
        );
    }
    clause(
        "第四条（三）",
        met,
        any(&m.casting_lines, |l| {
            or(
                absent(l.emergency_ladle),
                and(
                    eq(l.route, CastingRoute::Continuous),
                    any_of(&[
                        absent(l.tundish_breakout_pit),
                        absent(l.tundish_overflow_pit),
                        absent(l.breakout_chute),
                    ]),
                ),
            )
        }),
    );
    clause(
        "第四条（四）",
        met,
        any(&m.steelmaking_furnaces, |f| {
            any_of(&[
                absent(f.outlet_temp_alarm),
                absent(f.flow_diff_alarm),
                absent(f.safety_interlock),
            ])
        }),
    );
    clause(
        "第四条（五）",
        met,
        any_of(&[
            any(&m.blast_furnaces, |b| {
                and(
                    b.in_production,
                    gt(b.top_pressure_setpoint, b.design_max_top_pressure),
                )
            }),
            any(&m.blast_furnaces, |b| absent(b.bleeder_interlock)),
            any(&m.blast_furnaces, |b| {
                gt(b.bleeder_setpoint, b.equipment_design_pressure)
            }),
        ]),
    );
    let gas = and(met, m.coal_gas_facilities);
    clause(
        "第四条（六）",
        gas,
        any(&m.co_monitoring_points, |p| {
            or(absent(p.co_alarm), not(p.data_to_manned_post))
        }),
    );
    clause(
        "第四条（七）",
        gas,
        any(&m.gas_isolation_points, |p| absent(p.isolation_device)),
    );
    clause("第四条（八）", gas, drainers(&m.gas_drainers));

    // ------------------------------------------------------------------ 有色
    let n = &r.nonferrous;
    let nf = and(scope, eq(sector, Nonferrous));
    clause(
        "第五条（一）",
        nf,
        any(&n.gathering_rooms, |x| x.in_lifting_bay),
    );
    {
        use WaterAreaKind::{
            AccidentPit, FurnaceBase, FurnaceFront, LiftingPassage, SlagPit, TransportPassage,
        };
        clause(
            "第五条（二）",
            and(nf, e.in_production),
            any(&n.water_areas, |a| {
                and(
                    eq(a.water, WaterState::NonProduction),
                    or(
                        one_of(a.kind, &[AccidentPit, SlagPit]),
                        and(
                            one_of(
                                a.kind,
                                &[FurnaceFront, FurnaceBase, LiftingPassage, TransportPassage],
                            ),
                            a.in_splash_range,
                        ),
                    ),
                )
            }),
        );
    }
    {
        use NfCastingFurnaceKind::{
            FixedMeltingWithHolding, TiltingHolding, TiltingMeltHold, TiltingMelting,
        };
        clause(
            "第五条（三）",
            nf,
            any(&n.casting_furnaces, |f| {
                and(
                    none_of(
                        f.kind,
                        &[
                            TiltingMelting,
                            TiltingHolding,
                            TiltingMeltHold,
                            FixedMeltingWithHolding,
                        ],
                    ),
                    or(absent(f.emergency_discharge), absent(f.emergency_storage)),
                )
            }),
        );
    }
    clause(
        "第五条（四）",
        nf,
        any(&n.water_cooled_units, |u| {
            and(
                ne(u.kind, WaterCooledKind::DcCrystallizer),
                absent(u.emergency_water),
            )
        }),
    );
    clause(
        "第五条（五）",
        nf,
        or(
            any(&n.cooling_elements, |c| {
                and(
                    eq(c.circuit, Circuit::Closed),
                    or(absent(c.outlet_temp_alarm), absent(c.flow_diff_alarm)),
                )
            }),
            any(&n.cooling_elements, |c| {
                and(
                    eq(c.circuit, Circuit::Open),
                    any_of(&[
                        absent(c.inlet_flow_alarm),
                        absent(c.inlet_pressure_alarm),
                        absent(c.outlet_temp_monitoring),
                    ]),
                )
            }),
        ),
    );
    let dc = &n.dc_casting_lines;
    clause(
        "第五条（六）",
        nf,
        or(
            any(dc, |l| {
                any_of(&[
                    absent(l.mould_inlet_pressure_alarm),
                    absent(l.mould_inlet_flow_alarm),
                    absent(l.cooling_interlock_valves),
                ])
            }),
            any(dc, |l| {
                and(
                    eq(l.furnace, PouringFurnace::Tilting),
                    absent(l.cooling_interlock_tilting),
                )
            }),
        ),
    );
    clause(
        "第五条（七）",
        nf,
        or(
            any(dc, |l| {
                or(
                    absent(l.outlet_launder_level_alarm),
                    absent(l.junction_level_alarm),
                )
            }),
            any(dc, |l| {
                and(
                    eq(l.furnace, PouringFurnace::Fixed),
                    absent(l.outlet_mechanical_lock),
                )
            }),
        ),
    );
    clause(
        "第五条（八）",
        nf,
        any(dc, |l| {
            and(
                eq(l.furnace, PouringFurnace::Fixed),
                any_of(&[
                    absent(l.launder_emergency_valve),
                    absent(l.junction_shutoff),
                    absent(l.junction_interlock_shutoff),
                    absent(l.junction_interlock_discharge),
                ]),
            )
        }),
    );
    clause(
        "第五条（九）",
        nf,
        any(dc, |l| {
            and(
                eq(l.furnace, PouringFurnace::Tilting),
                any_of(&[
                    absent(l.junction_shutoff),
                    absent(l.junction_interlock_tilt),
                    absent(l.junction_interlock_shutoff),
                ]),
            )
        }),
    );
    clause(
        "第五条（十）",
        nf,
        any(dc, |l| {
            or(
                eq(l.hoist_rope_core, RopeCore::NonSteel),
                not(l.rope_inspection_implemented),
            )
        }),
    );
    clause(
        "第五条（十一）",
        nf,
        or(
            any(&n.toxic_gas_points, |p| {
                and(
                    absent(p.fixed_alarm),
                    or(ne(p.gas, ToxicGas::Arsine), not(p.equivalent_detection)),
                )
            }),
            any(&n.toxic_gas_points, |p| {
                and(ne(p.fixed_alarm, Absent), not(p.data_to_manned_post))
            }),
        ),
    );
    clause(
        "第五条（十二）",
        nf,
        any(&n.gas_burners, |b| {
            and(
                b.forced_air,
                or(absent(b.main_pressure_alarm), absent(b.shutoff_interlock)),
            )
        }),
    );
    clause("第五条（十三）", nf, drainers(&n.gas_drainers));

    // ------------------------------------------------------------------ 建材
    let b = &r.building_materials;
    let bm = and(scope, eq(sector, BuildingMaterials));
    clause(
        "第六条（一）",
        bm,
        any(&b.coal_mill_units, |u| {
            any_of(&[
                absent(u.temperature_alarm),
                absent(u.co_alarm),
                absent(u.gas_extinguisher),
            ])
        }),
    );
    clause(
        "第六条（二）",
        bm,
        any(&b.silo_cleaning_jobs, |j| {
            or(not(j.fall_measures), not(j.collapse_measures))
        }),
    );
    clause(
        "第六条（三）",
        bm,
        any(&b.carbide_slag_silos, |s| {
            or(
                absent(s.combustible_gas_alarm),
                absent(s.ventilation_interlock),
            )
        }),
    );
    clause(
        "第六条（四）",
        bm,
        any(&b.entries, |x| {
            any_of(&[
                not(x.equipment_isolated),
                not(x.inflow_isolated),
                not(x.fall_collapse_measures),
            ])
        }),
    );
    clause(
        "第六条（五）",
        bm,
        any(&b.gas_kilns, |k| kiln_missing(k, absent)),
    );
    clause(
        "第六条（六）",
        bm,
        any(&b.gas_rooms, |x| absent(x.combustible_gas_alarm)),
    );
    clause(
        "第六条（七）",
        bm,
        any(&b.fused_cast_furnaces, |f| {
            one_of(f.water_cooling, &[Absent, Failed, Ineffective])
        }),
    );
    clause(
        "第六条（八）",
        bm,
        any(&b.glass_cooling_systems, |s| absent(s.alarm)),
    );

    // ------------------------------------------------------------------ 机械
    let mc = &r.machinery;
    let mach = and(scope, eq(sector, Machinery));
    {
        use RoomKind::{Activity, Changing, Handover, Meeting, Rest};
        clause(
            "第七条（一）",
            mach,
            any(&mc.gathering_rooms, |x| {
                and(
                    one_of(x.kind, &[Meeting, Activity, Rest, Changing, Handover]),
                    x.in_bay,
                )
            }),
        );
    }
    clause(
        "第七条（二）",
        mach,
        any(&mc.foundry_furnaces, |f| {
            or(absent(f.emergency_discharge), absent(f.emergency_storage))
        }),
    );
    {
        use MachineryAreaKind::{
            AccidentPit, FurnaceBase, FurnaceBottom, FurnaceFront, FurnacePit, MouldingPit,
            PouringPit, TransferPassage,
        };
        clause(
            "第七条（三）",
            and(mach, e.in_production),
            any(&mc.water_areas, |a| {
                and(
                    a.standing_water,
                    or(
                        one_of(a.kind, &[FurnaceBottom, FurnacePit, AccidentPit]),
                        and(
                            one_of(
                                a.kind,
                                &[
                                    FurnaceFront,
                                    FurnaceBase,
                                    MouldingPit,
                                    PouringPit,
                                    TransferPassage,
                                ],
                            ),
                            a.in_splash_range,
                        ),
                    ),
                )
            }),
        );
    }
    clause(
        "第七条（四）",
        mach,
        any(&mc.cooling_systems, |s| {
            any_of(&[
                absent(s.outlet_temp_alarm),
                absent(s.flow_diff_alarm),
                absent(s.control_interlock),
            ])
        }),
    );
    clause(
        "第七条（五）",
        mach,
        any(&mc.gas_burners, |x| {
            any_of(&[
                absent(x.main_pressure_alarm),
                absent(x.shutoff_interlock),
                absent(x.flame_protection),
            ])
        }),
    );
    clause(
        "第七条（六）",
        and(mach, mc.solvent_cleaning),
        not(mc.solvent_vapour_control),
    );
    clause(
        "第七条（七）",
        mach,
        any(&mc.paint_rooms, |p| paint_room_missing(p, absent)),
    );

    // ------------------------------------------------------------------ 轻工
    let li = &r.light_industry;
    let light = and(scope, eq(sector, LightIndustry));
    clause(
        "第八条（一）",
        and(light, li.food_manufacturing),
        any(&li.food_heating_equipment, |x| absent(x.overheat_cutoff)),
    );
    clause(
        "第八条（二）",
        light,
        any(&li.baijiu_areas, |a| {
            or(absent(a.ethanol_alarm), absent(a.ventilation_interlock))
        }),
    );
    clause(
        "第八条（三）",
        and(light, li.pulp_paper),
        one_of(
            li.chlorine_vaporisation,
            &[
                ChlorineVaporisation::DirectSteam,
                ChlorineVaporisation::DirectFlame,
            ],
        ),
    );
    clause(
        "第八条（四）",
        and(light, or(li.daily_glass, li.ceramics)),
        any(&li.gas_kilns, |k| kiln_missing(k, absent)),
    );
    clause(
        "第八条（五）",
        and(light, li.daily_glass),
        any(&li.glass_furnaces, |f| absent(f.cooling_alarm)),
    );
    clause(
        "第八条（六）",
        light,
        any(&li.paint_rooms, |p| paint_room_missing(p, absent)),
    );
    clause(
        "第八条（七）",
        light,
        any(&li.li_battery_warehouses, |w| {
            and(w.faulty_batteries_stored, not(w.faulty_isolated))
        }),
    );

    // ------------------------------------------------------------------ 纺织
    let t = &r.textile;
    let tex = and(scope, eq(sector, Textile));
    clause(
        "第九条（一）",
        tex,
        any(&t.heat_setting_utilities, |u| {
            and(not(u.separated), not(u.standalone))
        }),
    );
    clause(
        "第九条（二）",
        tex,
        or(
            any(&t.chemical_stores, |s| s.mixed_with_incompatible),
            any(&t.chemical_stores, |s| {
                and(eq(s.substance, Substance::Hydrosulphite), not(s.damp_proof))
            }),
        ),
    );

    // ------------------------------------------------------------------ 烟草
    let tb = &r.tobacco;
    let tob = and(scope, eq(sector, Tobacco));
    clause(
        "第十条（一）",
        tob,
        any(&tb.fumigation_sites, |s| {
            any_of(&[
                absent(s.phosphine_alarm),
                absent(s.gas_masks),
                not(s.evacuation_confirmed),
            ])
        }),
    );
    clause(
        "第十条（二）",
        tob,
        any(&tb.co2_expansion_lines, |l| {
            or(absent(l.co2_alarm), absent(l.ventilation_interlock))
        }),
    );

    // ------------------------------------------------------------------ 粉尘爆炸
    let d = &r.dust;
    let dust = and(scope, d.explosion_risk);
    clause(
        "第十一条（一）",
        dust,
        or(
            any(&d.hazard_places, |p| {
                and(ge(p.storeys, Some(2)), not(p.frame_structure))
            }),
            any(&d.hazard_places, |p| p.gathering_inside),
        ),
    );
    clause(
        "第十一条（二）",
        dust,
        or(
            any(&d.systems, |s| {
                any_of(&[s.mixed_dust_classes, s.mixed_with_gas, s.interconnected])
            }),
            any(&d.systems, |s| {
                or(
                    gt(s.buildings_served, Some(1)),
                    gt(s.fire_compartments_served, Some(1)),
                )
            }),
        ),
    );
    clause(
        "第十一条（三）",
        dust,
        any(&d.systems, |s| {
            all_of(&[
                s.dry,
                absent(s.venting),
                absent(s.inerting),
                absent(s.suppression),
                absent(s.other_control),
            ])
        }),
    );
    clause(
        "第十一条（四）",
        dust,
        or(
            any(&d.systems, |s| {
                and(eq(s.dust_kind, DustKind::Metal), s.positive_pressure)
            }),
            any(&d.systems, |s| {
                all_of(&[
                    ne(s.dust_kind, DustKind::Metal),
                    s.positive_pressure,
                    absent(s.spark_detection),
                ])
            }),
        ),
    );
    clause(
        "第十一条（五）",
        dust,
        any(&d.systems, |s| or(s.gravity_settling, s.tunnel_duct)),
    );
    clause(
        "第十一条（六）",
        dust,
        any(&d.systems, |s| {
            all_of(&[
                s.dry,
                one_of(s.dust_kind, &[DustKind::Metal, DustKind::Wood]),
                absent(s.airlock),
            ])
        }),
    );
    clause(
        "第十一条（七）",
        dust,
        any(&d.ex_areas, |a| {
            and(eq(a.zone, Zone::Zone20), not(a.electrical_ex_compliant))
        }),
    );
    clause(
        "第十一条（八）",
        dust,
        or(
            any(&d.ignition_prone_equipment, |x| absent(x.tramp_removal)),
            and(
                d.wood_products,
                any(&d.sander_ducts, |x| absent(x.spark_detection)),
            ),
        ),
    );
    clause(
        "第十一条（九）",
        dust,
        any(&d.wet_reactive_sites, |s| {
            or(
                not(s.hydrogen_prevention),
                and(eq(s.handling, Handling::Dry), not(s.damp_proof)),
            )
        }),
    );
    clause(
        "第十一条（十）",
        dust,
        and(
            not(d.cleaning_implemented),
            eq(d.accumulation, Accumulation::Severe),
        ),
    );

    // ------------------------------------------------------------------ 液氨制冷
    let a = &r.ammonia;
    let ammonia = and(scope, a.refrigeration);
    clause(
        "第十二条（一）",
        ammonia,
        any(&a.ac_systems, |s| {
            and(
                one_of(
                    s.area,
                    &[AcArea::Packing, AcArea::Cutting, AcArea::Finishing],
                ),
                s.direct_evaporation,
            )
        }),
    );
    clause(
        "第十二条（二）",
        ammonia,
        any(&a.quick_freezers, |q| {
            or(not(q.separate_room), gt(q.workers, Some(9)))
        }),
    );

    // ------------------------------------------------------------------ 有限空间
    let c = &r.confined_space;
    let confined = and(scope, c.poisoning_risk);
    clause(
        "第十三条（一）",
        confined,
        and(or(not(c.identified), not(c.ledger)), not(c.warning_signs)),
    );
    clause(
        "第十三条（二）",
        confined,
        any(&c.jobs, |j| {
            any_of(&[
                not(j.approved),
                not(j.ventilate_test_work),
                not(j.attendant),
            ])
        }),
    );

    // ------------------------------------------------------------------ 第十四条
    let is = |s: Sector| eq(sector, s);
    let art14 = any_of(&[
        // 冶金
        and(
            is(Metallurgy),
            any(&m.casting_lines, |l| {
                or(
                    broken(l.emergency_ladle),
                    and(
                        eq(l.route, CastingRoute::Continuous),
                        any_of(&[
                            broken(l.tundish_breakout_pit),
                            broken(l.tundish_overflow_pit),
                            broken(l.breakout_chute),
                        ]),
                    ),
                )
            }),
        ),
        and(
            is(Metallurgy),
            any(&m.steelmaking_furnaces, |f| {
                any_of(&[
                    broken(f.outlet_temp_alarm),
                    broken(f.flow_diff_alarm),
                    broken(f.safety_interlock),
                ])
            }),
        ),
        and(
            is(Metallurgy),
            any(&m.blast_furnaces, |x| broken(x.bleeder_interlock)),
        ),
        all_of(&[
            is(Metallurgy),
            m.coal_gas_facilities,
            any(&m.co_monitoring_points, |p| broken(p.co_alarm)),
        ]),
        all_of(&[
            is(Metallurgy),
            m.coal_gas_facilities,
            any(&m.gas_isolation_points, |p| broken(p.isolation_device)),
        ]),
        // 有色
        and(is(Nonferrous), {
            use NfCastingFurnaceKind::{
                FixedMeltingWithHolding, TiltingHolding, TiltingMeltHold, TiltingMelting,
            };
            any(&n.casting_furnaces, |f| {
                and(
                    none_of(
                        f.kind,
                        &[
                            TiltingMelting,
                            TiltingHolding,
                            TiltingMeltHold,
                            FixedMeltingWithHolding,
                        ],
                    ),
                    or(broken(f.emergency_discharge), broken(f.emergency_storage)),
                )
            })
        }),
        and(
            is(Nonferrous),
            any(&n.water_cooled_units, |u| {
                and(
                    ne(u.kind, WaterCooledKind::DcCrystallizer),
                    broken(u.emergency_water),
                )
            }),
        ),
        and(
            is(Nonferrous),
            any(&n.cooling_elements, |x| {
                and(
                    eq(x.circuit, Circuit::Closed),
                    or(broken(x.outlet_temp_alarm), broken(x.flow_diff_alarm)),
                )
            }),
        ),
        and(
            is(Nonferrous),
            any(&n.cooling_elements, |x| {
                and(
                    eq(x.circuit, Circuit::Open),
                    any_of(&[
                        broken(x.inlet_flow_alarm),
                        broken(x.inlet_pressure_alarm),
                        broken(x.outlet_temp_monitoring),
                    ]),
                )
            }),
        ),
        // 深井铸造, one line per underlying item: 第五条（六）（七）（八）（九）.
        and(
            is(Nonferrous),
            any(dc, |l| {
                any_of(&[
                    broken(l.mould_inlet_pressure_alarm),
                    broken(l.mould_inlet_flow_alarm),
                    broken(l.cooling_interlock_valves),
                    and(
                        eq(l.furnace, PouringFurnace::Tilting),
                        broken(l.cooling_interlock_tilting),
                    ),
                ])
            }),
        ),
        and(
            is(Nonferrous),
            any(dc, |l| {
                any_of(&[
                    broken(l.outlet_launder_level_alarm),
                    broken(l.junction_level_alarm),
                    and(
                        eq(l.furnace, PouringFurnace::Fixed),
                        broken(l.outlet_mechanical_lock),
                    ),
                ])
            }),
        ),
        and(
            is(Nonferrous),
            any(dc, |l| {
                and(
                    eq(l.furnace, PouringFurnace::Fixed),
                    any_of(&[
                        broken(l.launder_emergency_valve),
                        broken(l.junction_shutoff),
                        broken(l.junction_interlock_shutoff),
                        broken(l.junction_interlock_discharge),
                    ]),
                )
            }),
        ),
        and(
            is(Nonferrous),
            any(dc, |l| {
                and(
                    eq(l.furnace, PouringFurnace::Tilting),
                    any_of(&[
                        broken(l.junction_shutoff),
                        broken(l.junction_interlock_tilt),
                        broken(l.junction_interlock_shutoff),
                    ]),
                )
            }),
        ),
        and(
            is(Nonferrous),
            any(&n.toxic_gas_points, |p| broken(p.fixed_alarm)),
        ),
        and(
            is(Nonferrous),
            any(&n.gas_burners, |x| {
                and(
                    x.forced_air,
                    or(broken(x.main_pressure_alarm), broken(x.shutoff_interlock)),
                )
            }),
        ),
        // 建材（第六条（七） 由该项本身判定）
        and(
            is(BuildingMaterials),
            any(&b.coal_mill_units, |u| {
                any_of(&[
                    broken(u.temperature_alarm),
                    broken(u.co_alarm),
                    broken(u.gas_extinguisher),
                ])
            }),
        ),
        and(
            is(BuildingMaterials),
            any(&b.carbide_slag_silos, |s| {
                or(
                    broken(s.combustible_gas_alarm),
                    broken(s.ventilation_interlock),
                )
            }),
        ),
        and(
            is(BuildingMaterials),
            any(&b.gas_kilns, |k| kiln_missing(k, broken)),
        ),
        and(
            is(BuildingMaterials),
            any(&b.gas_rooms, |x| broken(x.combustible_gas_alarm)),
        ),
        and(
            is(BuildingMaterials),
            any(&b.glass_cooling_systems, |s| broken(s.alarm)),
        ),
        // 机械
        and(
            is(Machinery),
            any(&mc.foundry_furnaces, |f| {
                or(broken(f.emergency_discharge), broken(f.emergency_storage))
            }),
        ),
        and(
            is(Machinery),
            any(&mc.cooling_systems, |s| {
                any_of(&[
                    broken(s.outlet_temp_alarm),
                    broken(s.flow_diff_alarm),
                    broken(s.control_interlock),
                ])
            }),
        ),
        and(
            is(Machinery),
            any(&mc.gas_burners, |x| {
                any_of(&[
                    broken(x.main_pressure_alarm),
                    broken(x.shutoff_interlock),
                    broken(x.flame_protection),
                ])
            }),
        ),
        and(
            is(Machinery),
            any(&mc.paint_rooms, |p| paint_room_missing(p, broken)),
        ),
        // 轻工
        all_of(&[
            is(LightIndustry),
            li.food_manufacturing,
            any(&li.food_heating_equipment, |x| broken(x.overheat_cutoff)),
        ]),
        and(
            is(LightIndustry),
            any(&li.baijiu_areas, |x| {
                or(broken(x.ethanol_alarm), broken(x.ventilation_interlock))
            }),
        ),
        all_of(&[
            is(LightIndustry),
            or(li.daily_glass, li.ceramics),
            any(&li.gas_kilns, |k| kiln_missing(k, broken)),
        ]),
        all_of(&[
            is(LightIndustry),
            li.daily_glass,
            any(&li.glass_furnaces, |f| broken(f.cooling_alarm)),
        ]),
        and(
            is(LightIndustry),
            any(&li.paint_rooms, |p| paint_room_missing(p, broken)),
        ),
        // 烟草
        and(
            is(Tobacco),
            any(&tb.fumigation_sites, |s| {
                or(broken(s.phosphine_alarm), broken(s.gas_masks))
            }),
        ),
        and(
            is(Tobacco),
            any(&tb.co2_expansion_lines, |l| {
                or(broken(l.co2_alarm), broken(l.ventilation_interlock))
            }),
        ),
        // 粉尘爆炸
        and(
            d.explosion_risk,
            any(&d.systems, |s| {
                and(
                    s.dry,
                    any_of(&[
                        broken(s.venting),
                        broken(s.inerting),
                        broken(s.suppression),
                        broken(s.other_control),
                    ]),
                )
            }),
        ),
        and(
            d.explosion_risk,
            any(&d.systems, |s| {
                all_of(&[
                    s.positive_pressure,
                    ne(s.dust_kind, DustKind::Metal),
                    broken(s.spark_detection),
                ])
            }),
        ),
        and(
            d.explosion_risk,
            any(&d.systems, |s| {
                all_of(&[
                    s.dry,
                    one_of(s.dust_kind, &[DustKind::Metal, DustKind::Wood]),
                    broken(s.airlock),
                ])
            }),
        ),
        and(
            d.explosion_risk,
            any(&d.ignition_prone_equipment, |x| broken(x.tramp_removal)),
        ),
        all_of(&[
            d.explosion_risk,
            d.wood_products,
            any(&d.sander_ducts, |x| broken(x.spark_detection)),
        ]),
    ]);
    clause("第十四条", scope, art14);

    out
}

/// 第四条（八） / 第五条（十三）: the two `major when` lines over the gas drainers.
fn drainers(list: &Option<Vec<GasDrainer>>) -> K {
    or(
        any(list, |x| {
            all_of(&[
                x.positive_pressure_line,
                x.water_seal,
                lt(x.max_seal_pressure, Some(30.0)),
            ])
        }),
        any(list, |x| {
            any_of(&[
                x.shared_across_isolation,
                x.upper_pipe_interconnected,
                x.shared_by_media,
            ])
        }),
    )
}

/// 第六条（五） / 第八条（四） and their 第十四条 lines: a premixed kiln (not hot producer gas)
/// whose main-pressure alarm or shut-off interlock is in the state `state` tests for.
fn kiln_missing(k: &GasKiln, state: fn(Option<Facility>) -> K) -> K {
    all_of(&[
        k.premixed,
        not(k.hot_producer_gas),
        or(state(k.main_pressure_alarm), state(k.shutoff_interlock)),
    ])
}

/// 第七条（七） / 第八条（六） and their 第十四条 lines: a non-waterborne paint room whose gas
/// alarm or ventilation is in the state `state` tests for.
fn paint_room_missing(p: &PaintRoom, state: fn(Option<Facility>) -> K) -> K {
    and(
        p.non_waterborne,
        or(state(p.combustible_gas_alarm), state(p.ventilation)),
    )
}
