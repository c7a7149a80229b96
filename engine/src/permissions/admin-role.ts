import type { Role } from "./types.ts";

export const ADMIN_ROLE_NAME = "admin";

/**
 * The role every model has, so an installation can always be administered whatever its packages
 * define; packages cannot define or change it.
 */
export const ADMIN_ROLE: Role = {
  name: ADMIN_ROLE_NAME,
  labels: { en: "Administrator", "zh-CN": "管理员" },
  description: {
    en: "Everything: every action on every entity and field, publishing metadata, users and tokens.",
    "zh-CN": "全部权限：所有实体与字段的全部操作、发布元数据、管理用户与令牌。",
  },
  administrator: true,
  designer: true,
  grants: [],
  origin: { package: "loom", file: "built-in" },
};
