from django.urls import path

from lamtheobac.roster import views

app_name = "roster"
urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<int:pk>/", views.unit_roster, name="unit"),
    path("don-vi/<int:pk>/danh-sach.xlsx", views.export, name="export"),
    path("mau-to-chuc.xlsx", views.units_template, name="units_template"),
    path("mau-dang-vien.xlsx", views.members_template, name="members_template"),
    path("nhap-to-chuc/", views.import_units, name="import_units"),
    path("nhap-dang-vien/", views.import_members, name="import_members"),
    path("nhap/<int:pk>/", views.import_result, name="import_result"),
]
