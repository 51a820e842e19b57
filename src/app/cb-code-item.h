/* cb-code-item.h: one code of the tree, as a GObject for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-types.h"

G_BEGIN_DECLS

#define CB_TYPE_CODE_ITEM (cb_code_item_get_type ())

G_DECLARE_FINAL_TYPE (CbCodeItem, cb_code_item, CB, CODE_ITEM, GObject)

CbCodeItem       *cb_code_item_new              (const CbCodeInfo *info);
const CbCodeInfo *cb_code_item_get_info         (CbCodeItem       *self);
/* Takes the counts, colour and description of @info (same code id). */
void              cb_code_item_update           (CbCodeItem       *self,
                                                 const CbCodeInfo *info);
gint64            cb_code_item_get_id           (CbCodeItem       *self);
const char       *cb_code_item_get_path         (CbCodeItem       *self);
const char       *cb_code_item_get_name         (CbCodeItem       *self);
const char       *cb_code_item_get_color        (CbCodeItem       *self);
gint64            cb_code_item_get_n_codings_total (CbCodeItem    *self);
/* (element-type CbCodeItem): the children, in tree order */
GListStore       *cb_code_item_get_children     (CbCodeItem       *self);

G_END_DECLS
