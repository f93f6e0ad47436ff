from django.urls import path

from lamtheobac.reporting import views, views_cascade, views_unit

app_name = "reporting"
urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("tao-tu-van-ban/<int:document_pk>/", views.round_create, name="round_create"),
    path("dot/<int:pk>/", views.round_detail, name="round_detail"),
    path("dot/<int:pk>/thiet-lap/", views.round_edit, name="round_edit"),
    path("dot/<int:pk>/muc/", views.section_save, name="section_add"),
    path("dot/<int:pk>/muc/<int:section_pk>/", views.section_save, name="section_save"),
    path("dot/<int:pk>/muc/<int:section_pk>/xoa/", views.section_remove, name="section_remove"),
    path("dot/<int:pk>/muc/<int:section_pk>/chi-tieu/", views.indicator_add, name="indicator_add"),
    path(
        "dot/<int:pk>/chi-tieu/<int:indicator_pk>/xoa/",
        views.indicator_remove,
        name="indicator_remove",
    ),
    path("dot/<int:pk>/mo/", views.round_open, name="round_open"),
    path("dot/<int:pk>/ket-thuc/", views.round_close, name="round_close"),
    path("dot/<int:pk>/gia-han/", views.lock_exception, name="lock_exception"),
    path("dot/<int:pk>/tinh-hinh.xlsx", views.matrix_xlsx, name="matrix_xlsx"),
    path("dot/<int:pk>/cong-van-don-doc.docx", views.reminder_docx, name="reminder_docx"),
    path("dot/<int:pk>/nhac-nho/", views.remind, name="remind"),
    path("dot/<int:pk>/bao-cao-tong-hop.docx", views.consolidated_docx, name="consolidated_docx"),
    path("dot/<int:pk>/tiep-nhan/", views.accept_bulk, name="accept_bulk"),
    path("dot/<int:pk>/don-vi/<int:unit_pk>/", views_unit.report_edit, name="report_edit"),
    path(
        "dot/<int:pk>/don-vi/<int:unit_pk>/dinh-kem/",
        views_unit.attachment_add,
        name="attachment_add",
    ),
    path(
        "dot/<int:pk>/don-vi/<int:unit_pk>/tu-luu/",
        views_unit.report_autosave,
        name="report_autosave",
    ),
    path("dot/<int:pk>/don-vi/<int:unit_pk>/nop/", views_unit.report_submit, name="report_submit"),
    path(
        "dot/<int:pk>/don-vi/<int:unit_pk>/rut-lai/",
        views_unit.report_withdraw,
        name="report_withdraw",
    ),
    path(
        "dot/<int:pk>/don-vi/<int:unit_pk>/bao-cao.docx",
        views_unit.report_docx,
        name="report_docx",
    ),
    path(
        "dot/<int:pk>/don-vi/<int:unit_pk>/chuyen-tiep/",
        views_cascade.cascade_open,
        name="cascade_open",
    ),
    path(
        "dot/<int:pk>/don-vi/<int:unit_pk>/tong-hop-chi-bo/",
        views_cascade.consolidate,
        name="consolidate_cells",
    ),
    path(
        "dot/<int:pk>/muc/<int:section_pk>/giao/",
        views_cascade.section_assign,
        name="section_assign",
    ),
    path("dinh-kem/<int:pk>/", views_unit.attachment_download, name="attachment_download"),
    path("dinh-kem/<int:pk>/go/", views_unit.attachment_remove, name="attachment_remove"),
    path("bao-cao/<int:pk>/", views.report_view, name="report_view"),
    path("bao-cao/<int:pk>/tiep-nhan/", views.report_accept, name="report_accept"),
    path("bao-cao/<int:pk>/tra-lai/", views.report_return, name="report_return"),
]
